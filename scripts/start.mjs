// `npm start`: builds if needed, applies pending migrations to the database
// (the embedded SQLite file by default), then serves the UI and API on PORT.
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";
import { ensureBuild } from "./lib/ensure-build.mjs";
import { ensureEncryptionKey } from "./lib/ensure-encryption-key.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

if (process.env.SWITCHYARD_SKIP_BUILD !== "1") ensureBuild(root);

const { applyMigrations } = await tsImport("../lib/db/migrate.ts", import.meta.url);
const { defaultDatabaseUrl } = await tsImport("../lib/db/database-url.ts", import.meta.url);
const { applied } = await applyMigrations({ databaseUrl: process.env.DATABASE_URL || defaultDatabaseUrl });
if (applied.length > 0) console.log(`[switchyard] applied migrations: ${applied.join(", ")}`);

// Sessions need a signing secret; rather than make every install set one,
// generate it on the first start and keep it in ./data (see lib/auth/auth-secret.ts).
const { loadOrCreateAuthSecret } = await tsImport("../lib/auth/auth-secret.ts", import.meta.url);
const authSecret = process.env.AUTH_SECRET || loadOrCreateAuthSecret();
// The same for the key that encrypts provider API keys at rest (./data/encryption-key).
await ensureEncryptionKey();

const port = Number(process.env.PORT || "3000");
const hostname = process.env.HOSTNAME || undefined;
process.env.AUTH_SECRET = authSecret;
process.env.NEXT_TELEMETRY_DISABLED = "1";

// Requests Next.js or Node's HTTP parser would fail on before any route runs, answered in the API's error shape instead.
const { findMalformedPath } = await tsImport("../lib/http/find-malformed-path.ts", import.meta.url);
const { answerClientError } = await tsImport("../lib/http/answer-client-error.ts", import.meta.url);

// Next.js serves the pages and most routes in this process; the hot API
// routes (/api/v1/chat/completions, /api/v1/messages) register handlers on
// Node's own request objects when Next first loads them (lib/http/node-routes.ts),
// and are served on those from then on: Next's request handling costs more
// than the whole gateway per request (see BENCHMARKS.md).
const { default: next } = await import("next");
const app = next({ dev: false, dir: root, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
const nodeRoutes = (globalThis[Symbol.for("switchyard.nodeRoutes")] ??= new Map());
// SWITCHYARD_API_VIA_NEXT=1 sends every request through Next.js, to measure what the lean path saves.
const leanRoutes = process.env.SWITCHYARD_API_VIA_NEXT !== "1";

let open = 0;
let shuttingDown = false;
const server = http.createServer((request, response) => {
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
