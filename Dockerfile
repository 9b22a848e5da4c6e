# Switchyard as a container: Next.js's standalone output plus our start-up
# (scripts/assemble-standalone.mjs), on Node 20. Stateless when DATABASE_URL
# points at PostgreSQL; see "Deploying several instances" in the README.
#
#   docker build -t switchyard .
#   docker run -p 3000:3000 -v switchyard-data:/app/data switchyard      # one instance, SQLite in the volume

FROM node:20-bookworm-slim AS build
WORKDIR /src
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm ci --no-audit --no-fund \
 && npx next build \
 && node scripts/assemble-standalone.mjs /app

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app ./
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# Generated secrets (when AUTH_SECRET / SWITCHYARD_ENCRYPTION_KEY are unset) and the SQLite database live here.
VOLUME /app/data
EXPOSE 3000
# Liveness; load balancers should route by GET /api/ready, which also covers the database and draining.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM drains open streams for SHUTDOWN_DRAIN_MS (30 s): give the container longer than that to stop.
STOPSIGNAL SIGTERM
CMD ["node", "scripts/start.mjs"]
