// `npm start`: builds if needed, applies pending migrations to the database
// (the embedded SQLite file by default), then serves the UI and API on PORT.
import { spawn } from "node:child_process";
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

const port = process.env.PORT || "3000";
const args = [path.join(root, "node_modules/next/dist/bin/next"), "start", "--port", port];
if (process.env.HOSTNAME) args.push("--hostname", process.env.HOSTNAME);
const server = spawn(process.execPath, args, { stdio: "inherit", env: { ...process.env, AUTH_SECRET: authSecret, NEXT_TELEMETRY_DISABLED: "1" } });

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
