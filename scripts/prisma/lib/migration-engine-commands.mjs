// The migration operations both migrate.mjs and check-drift.mjs are built
// from, each one call into the real (wasm) Prisma schema engine.
import { rm } from "node:fs/promises";
import Database from "better-sqlite3";
import { sqliteFilePath } from "./driver-adapters.mjs";
import { providerForUrl, scratchPostgresUrl } from "./environment.mjs";
import { readMigrationList } from "./migration-directories.mjs";
import { NO_FILTER, withSchemaEngine } from "./schema-engine-session.mjs";
import { readSchemaFor } from "./schema-variants.mjs";

/**
 * Where the engine connects when a command needs no real database, only a
 * shadow one: SQLite keeps everything in memory, PostgreSQL uses the scratch
 * server (it only creates and drops its own shadow database there).
 * @param {string} provider
 */
export function scratchUrlFor(provider) {
  return provider === "postgresql" ? scratchPostgresUrl() : "file::memory:";
}

/**
 * The SQL that takes the database built by a provider's migrations to the
 * schema, or null when they already match. The engine replays the migrations
 * on a shadow database, so this is what `prisma migrate dev` would write.
 * @param {string} provider
 * @returns {Promise<{ script: string | null; summary: string }>}
 */
export async function diffMigrationsToSchema(provider) {
  const schema = await readSchemaFor(provider);
  const migrationsList = await readMigrationList(provider);
  const from = migrationsList.migrationDirectories.length > 0 ? { tag: "migrations", ...migrationsList } : { tag: "empty" };
  const to = { tag: /** @type {const} */ ("schemaDatamodel"), files: [schema] };
  return withSchemaEngine({ provider, url: scratchUrlFor(provider), schema, shadowServerUrl: scratchPostgresUrl() }, async (engine) => {
    const summary = await engine.diff({ from: /** @type {never} */ (from), to, script: false, exitCode: true, filters: NO_FILTER });
    // exitCode 2 is the engine's "the two sides differ", as in `prisma migrate diff --exit-code`.
    if (summary.exitCode !== 2) return { script: null, summary: summary.stdout ?? "" };
    const script = await engine.diff({ from: /** @type {never} */ (from), to, script: true, exitCode: null, filters: NO_FILTER });
    return { script: script.stdout ?? "", summary: summary.stdout ?? "" };
  });
}

/**
 * Applies the pending migrations of the URL's provider, recording them in
 * _prisma_migrations exactly as `prisma migrate deploy` does.
 * @param {string} url
 */
export async function deployMigrations(url) {
  const provider = providerForUrl(url);
  const schema = await readSchemaFor(provider);
  const migrationsList = await readMigrationList(provider);
  const { appliedMigrationNames } = await withSchemaEngine({ provider, url, schema }, (engine) =>
    engine.applyMigrations({ migrationsList, filters: NO_FILTER }),
  );
  if (provider === "sqlite") enableWriteAheadLog(url);
  return { provider, appliedMigrationNames };
}

/**
 * The same journal mode the app sets when it starts: readers never wait for
 * the writer. It is stored in the file, so setting it once is enough.
 * @param {string} url
 */
export function enableWriteAheadLog(url) {
  const database = new Database(sqliteFilePath(url));
  try {
    database.pragma("journal_mode = WAL");
  } finally {
    database.close();
  }
}

/** @param {string} url */
export async function migrationStatus(url) {
  const provider = providerForUrl(url);
  const schema = await readSchemaFor(provider);
  const migrationsList = await readMigrationList(provider);
  const diagnosis = await withSchemaEngine({ provider, url, schema }, (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTER }),
  );
  return { provider, migrationNames: migrationsList.migrationDirectories.map((entry) => entry.path), diagnosis };
}

/**
 * Empties the database. For SQLite the engine cannot delete files from wasm,
 * so we remove the database file and its WAL companions ourselves.
 * @param {string} url
 */
export async function resetDatabase(url) {
  const provider = providerForUrl(url);
  if (provider === "sqlite") {
    const filePath = sqliteFilePath(url);
    for (const suffix of ["", "-wal", "-shm", "-journal"]) await rm(`${filePath}${suffix}`, { force: true });
    return;
  }
  const schema = await readSchemaFor(provider);
  await withSchemaEngine({ provider, url, schema }, (engine) => engine.reset({ filter: NO_FILTER }));
}
