// `npm start`: builds if needed, applies pending migrations to the database
// (the embedded SQLite file by default), then serves the UI and API on PORT.
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuild } from "./lib/ensure-build.mjs";

// A log pipe that closes (a log shipper restarting, a parent process gone)
// must not take the server with it. Unhandled, the first write's EPIPE became
// an uncaught exception, which Next logs, to the same closed pipe: the
// process spun at full CPU and stopped answering. Logs are lost; serving goes on.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

// The standalone image (Dockerfile) holds a finished build and the start-up
// code bundled, without sources or tsx; a checkout builds when stale and
// reads the TypeScript through tsx.
const bundledSupport = path.join(root, "scripts", "dist", "start-support.mjs");
const standalone = existsSync(bundledSupport);
if (!standalone && process.env.SWITCHYARD_SKIP_BUILD !== "1") ensureBuild(root);
const support = standalone
  ? await import(bundledSupport)
  : await (await import("tsx/esm/api")).tsImport("./lib/start-support.ts", import.meta.url);

const { applied } = await support.applyMigrations({ databaseUrl: process.env.DATABASE_URL || support.defaultDatabaseUrl });
if (applied.length > 0) console.log(`[switchyard] applied migrations: ${applied.join(", ")}`);

// Sessions need a signing secret; rather than make every install set one,
// generate it on the first start and keep it in ./data (see lib/auth/auth-secret.ts).
const authSecret = process.env.AUTH_SECRET || support.loadOrCreateAuthSecret();
// The same for the key that encrypts provider API keys at rest (./data/encryption-key).
process.env.SWITCHYARD_ENCRYPTION_KEY ||= support.loadOrCreateEncryptionKeyFile();

const port = Number(process.env.PORT || "3000");
const hostname = process.env.HOSTNAME || undefined;
process.env.AUTH_SECRET = authSecret;
process.env.NEXT_TELEMETRY_DISABLED = "1";

// Requests Next.js or Node's HTTP parser would fail on before any route runs, answered in the API's error shape instead.
const { findMalformedPath, answerClientError } = support;

// Next.js serves the pages and most routes in this process; the hot API
// routes (/api/v1/chat/completions, /api/v1/messages) register handlers on
// Node's own request objects when Next first loads them (lib/http/node-routes.ts),
// and are served on those from then on: Next's request handling costs more
// than the whole gateway per request (see BENCHMARKS.md).
const { default: next } = await import("next");
// Served with the config the build was made with, as Next's own standalone
// server.js does: the image has no next.config.ts, and a checkout then
// neither compiles it again nor is told to use server.js instead.
const conf = JSON.parse(readFileSync(path.join(root, ".next", "required-server-files.json"), "utf8")).config;
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(conf);
const app = next({ dev: false, dir: root, hostname, port, conf });
const handle = app.getRequestHandler();
await app.prepare();
const nodeRoutes = (globalThis[Symbol.for("switchyard.nodeRoutes")] ??= new Map());
// SWITCHYARD_API_VIA_NEXT=1 sends every request through Next.js, to measure what the lean path saves.
const leanRoutes = process.env.SWITCHYARD_API_VIA_NEXT !== "1";

let open = 0;
let shuttingDown = false;
const server = http.createServer((request, response) => {
  // The socket's address, for per-address limits (lib/http/client-address.ts): Next.js passes on
  // headers only. Always written, so a client cannot send one of its own.
  request.headers["x-switchyard-peer-address"] = request.socket.remoteAddress ?? "";
  open++;
  response.once("close", () => open--);
  if (shuttingDown) response.setHeader("Connection", "close");
  const url = request.url ?? "/";
  const query = url.indexOf("?");
  const route = leanRoutes ? nodeRoutes.get(`${request.method} ${query === -1 ? url : url.slice(0, query)}`) : undefined;
  if (route) return route(request, response);
  const malformed = url.startsWith("/api/") ? findMalformedPath(url) : null;
  if (malformed) {
    response.writeHead(malformed.status, { "Content-Type": "application/json", "X-Content-Type-Options": "nosniff" }).end(malformed.body);
    return;
  }
  handle(request, response);
});
server.on("clientError", answerClientError);
server.keepAliveTimeout = 65_000;
await new Promise((resolve) => server.listen(port, hostname, resolve));
console.log(`[switchyard] ready on http://${hostname ?? "localhost"}:${port}`);

// Load the API routes now, so the first real request takes the lean path.
const origin = `http://${hostname && hostname !== "0.0.0.0" ? hostname : "127.0.0.1"}:${port}`;
for (const path of ["/api/v1/chat/completions", "/api/v1/messages"]) {
  fetch(`${origin}${path}`, { method: "POST" }).then((response) => response.body?.cancel(), () => undefined);
}

/** Open requests (streams included) may finish for this long after SIGTERM. */
const DRAIN_MS = Number(process.env.SHUTDOWN_DRAIN_MS || "30000");

async function shutDown(signal) {
  if (shuttingDown) return;
  shuttingDown = true;
  // /api/ready answers 503 from now on, so a load balancer stops sending new requests.
  globalThis[Symbol.for("switchyard.shuttingDown")] = true;
  console.log(`[switchyard] ${signal}: no new connections; waiting for ${open} open request(s) (up to ${DRAIN_MS} ms)`);
  server.close();
  server.closeIdleConnections();
  const deadline = Date.now() + DRAIN_MS;
  while (open > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  server.closeAllConnections();
  // Writes every settled generation and gives the credit leases back.
  await globalThis.switchyardGateway?.close().catch((error) => console.error("[switchyard] could not flush usage on shutdown:", error));
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void shutDown(signal));
