#!/usr/bin/env node
// A stand-in for Prisma's native schema engine, which is downloaded from
// Prisma's servers and so cannot be had here. The Prisma CLI runs whatever
// PRISMA_SCHEMA_ENGINE_BINARY names and talks JSON-RPC to it over stdio, one
// message per line; this answers with the wasm build of the same engine,
// connected through our driver adapters. prisma.config.ts points the CLI here.
import { readFile } from "node:fs/promises";
import readline from "node:readline";
import { parseArgs } from "node:util";
import { providerForUrl, scratchPostgresUrl } from "./lib/environment.mjs";
import { loadSchemaEngineModule } from "./lib/load-schema-engine.mjs";
import { resetDatabase } from "./lib/migration-engine-commands.mjs";
import { createDatabase, runOneShotCommand } from "./lib/schema-engine-one-shot.mjs";
import { openSchemaEngine } from "./lib/schema-engine-session.mjs";

const { values, positionals } = parseArgs({
  strict: false,
  options: {
    datamodels: { type: "string", multiple: true },
    datasource: { type: "string" },
    version: { type: "boolean", short: "V" },
  },
});

if (values.version) {
  const { version } = await loadSchemaEngineModule();
  console.log(`schema-engine-wasm ${version()}`);
  process.exit(0);
}

// `schema-engine --datasource <json> cli <command>`: one-shot commands the CLI
// runs before starting an RPC session, judged by exit code and stderr.
if (positionals[0] === "cli") {
  const datasourceJson = typeof values.datasource === "string" ? values.datasource : "{}";
  process.exit(await runOneShotCommand(positionals[1] ?? "", JSON.parse(datasourceJson).url ?? ""));
}

const datamodelPaths = /** @type {string[]} */ (values.datamodels ?? []);
const schemaFiles = await Promise.all(datamodelPaths.map(async (path) => ({ path, content: await readFile(path, "utf8") })));
/** @type {{ url?: string }} */
const datasource = typeof values.datasource === "string" ? JSON.parse(values.datasource) : {};

/** The provider comes from the schema when there is one, else from the URL. */
function provider() {
  for (const file of schemaFiles) {
    const match = /datasource\s+\w+\s*\{[^}]*?provider\s*=\s*"(\w+)"/.exec(file.content);
    if (match?.[1]) return match[1];
  }
  return providerForUrl(requireUrl());
}

function requireUrl() {
  if (!datasource.url) throw new Error("No datasource URL: set DATABASE_URL (prisma.config.ts reads it).");
  return datasource.url;
}

/** @type {Awaited<ReturnType<typeof openSchemaEngine>> | undefined} */
let session;

async function engine() {
  session ??= await openSchemaEngine({
    provider: provider(),
    url: requireUrl(),
    schema: schemaFiles[0],
    shadowServerUrl: scratchPostgresUrl(),
  });
  return session.engine;
}

async function closeEngine() {
  const open = session;
  session = undefined;
  await open?.close();
}

/**
 * Methods the wasm engine lacks because they touch the file system or the
 * server outside one database; the rest are passed through unchanged.
 * @type {Record<string, (params: unknown) => Promise<unknown>>}
 */
const ownMethods = {
  getDatabaseVersion: async () => (await engine()).version(),
  createDatabase: async () => {
    await createDatabase(requireUrl());
    return { databaseName: requireUrl() };
  },
  reset: async (params) => {
    if (provider() !== "sqlite") return (await engine()).reset(/** @type {import("@prisma/schema-engine-wasm").ResetInput} */ (params));
    // The engine cannot delete the SQLite file from wasm, so we close our
    // connection and delete it; the next call opens a fresh file.
    await closeEngine();
    await resetDatabase(requireUrl());
    return {};
  },
};

/**
 * The wasm engine gives createMigration and evaluateDataLoss no shadow
 * database of their own; they reuse the schema it cached while replaying the
 * migrations for a command that has one. The CLI's `migrate dev` does not
 * always run such a command first in the same process, so we do.
 */
const needsReplayedMigrations = new Set(["createMigration", "evaluateDataLoss"]);

/**
 * @param {string} method
 * @param {unknown} params
 */
async function dispatch(method, params) {
  const own = ownMethods[method];
  if (own) return own(params);
  if (needsReplayedMigrations.has(method)) {
    const { migrationsList, filters } = /** @type {{ migrationsList: import("@prisma/schema-engine-wasm").MigrationList; filters: import("@prisma/schema-engine-wasm").SchemaFilter }} */ (params);
    await (await engine()).diagnoseMigrationHistory({ migrationsList, filters, optInToShadowDatabase: true });
  }
  const target = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (await engine()));
  const handler = target[method];
  if (typeof handler !== "function") throw new Error(`The wasm schema engine has no method "${method}".`);
  return handler.call(target, params);
}

/** @param {unknown} error */
function toRpcError(error) {
  const { message = String(error), code, meta } = /** @type {{ message?: string; code?: unknown; meta?: unknown }} */ (
    error instanceof Error ? error : {}
  );
  return {
    code: 4466,
    message: "An error happened. Check the data field for details.",
    data: { is_panic: false, message, meta: meta ?? null, error_code: typeof code === "string" && /^P\d{4}$/.test(code) ? code : null },
  };
}

// The engine is not re-entrant, so requests run one after another.
let queue = Promise.resolve();
const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
input.on("line", (line) => {
  if (!line.trim()) return;
  /** @type {{ id?: number; method?: string; params?: unknown }} */
  const request = JSON.parse(line);
  // Replies to our own requests (we send none) and notifications need no answer.
  if (request.id === undefined || request.method === undefined) return;
  queue = queue.then(async () => {
    const reply = await dispatch(request.method ?? "", request.params).then(
      // The CLI waits for a `result` key, so methods that return nothing answer {}.
      (result) => ({ jsonrpc: "2.0", id: request.id, result: result ?? {} }),
      (error) => ({ jsonrpc: "2.0", id: request.id, error: toRpcError(error) }),
    );
    process.stdout.write(`${JSON.stringify(reply)}\n`);
  });
});
input.on("close", () => {
  queue.then(closeEngine).finally(() => process.exit(0));
});
