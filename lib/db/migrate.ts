import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describeDatabaseUrl, providerOf, splitPostgresUrl, sqliteFilePath, type DatabaseProvider } from "./database-url";

/**
 * Applies pending migrations when the app starts, without the Prisma CLI:
 * spawning it and its wasm engine costs seconds, this costs milliseconds.
 * It writes `_prisma_migrations` exactly as Prisma Migrate does, so
 * `npm run db:migrate -- status` and `npx prisma migrate status` agree with it.
 * The migrations themselves are written by the real schema engine
 * (scripts/prisma/migrate.mjs); this only replays them.
 */

export interface ApplyMigrationsOptions {
  databaseUrl: string;
  /** Holds one folder per provider (sqlite/, postgresql/); defaults to ./prisma/migrations. */
  migrationsRoot?: string;
}

interface MigrationFile {
  name: string;
  script: string;
  /** What Prisma stores: the SHA-256 of migration.sql, in hex. */
  checksum: string;
}

interface MigrationRow {
  migration_name: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/** The key Prisma Migrate itself locks, so our runner and the CLI also exclude each other. */
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

// The table as Prisma's schema engine creates it, byte for byte, so that a
// database set up by either looks the same to the other.
const SQLITE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);`;

const POSTGRES_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

const SELECT_ROWS = `SELECT "migration_name", "finished_at", "rolled_back_at" FROM "_prisma_migrations"`;

export async function applyMigrations(options: ApplyMigrationsOptions): Promise<{ applied: string[] }> {
  const provider = providerOf(options.databaseUrl);
  const migrationsRoot = options.migrationsRoot ?? path.join(process.cwd(), "prisma", "migrations");
  const migrations = readMigrations(path.join(migrationsRoot, provider), provider);
  const applied =
    provider === "postgresql"
      ? await applyToPostgres(options.databaseUrl, migrations)
      : applyToSqlite(options.databaseUrl, migrations);
  return { applied };
}

function readMigrations(directory: string, provider: DatabaseProvider): MigrationFile[] {
  if (!existsSync(directory)) throw new Error(`No ${provider} migrations at ${directory}.`);
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = path.join(directory, name, "migration.sql");
      if (!existsSync(file)) throw new Error(`Migration ${name} has no migration.sql (${file}).`);
      const bytes = readFileSync(file);
      return { name, script: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}

/**
 * Prisma refuses to go on past a migration that started and never finished
 * (P3009) until someone resolves it; so do we.
 */
function pendingMigrations(rows: MigrationRow[], migrations: MigrationFile[], databaseUrl: string): MigrationFile[] {
  const live = rows.filter((row) => row.rolled_back_at === null);
  const failed = live.filter((row) => row.finished_at === null).map((row) => row.migration_name);
  if (failed.length > 0) {
    throw new Error(
      `Migration ${failed.join(", ")} failed earlier in ${describeDatabaseUrl(databaseUrl)}; ` +
        `fix the database, then mark it with \`npx prisma migrate resolve --rolled-back <name>\` (or --applied).`,
    );
  }
  const done = new Set(live.map((row) => row.migration_name));
  return migrations.filter((migration) => !done.has(migration.name));
}

/** Prisma's SQLite timestamps: ISO 8601 with milliseconds and an explicit UTC offset. */
function sqliteTimestamp(): string {
  return new Date().toISOString().replace("Z", "+00:00");
}

function applyToSqlite(databaseUrl: string, migrations: MigrationFile[]): string[] {
  const filePath = sqliteFilePath(databaseUrl);
  if (filePath !== ":memory:") mkdirSync(path.dirname(filePath), { recursive: true });
  const database = new Database(filePath, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    // Stored in the file: from now on readers never wait for the writer.
    database.pragma("journal_mode = WAL");
    database.exec(SQLITE_MIGRATIONS_TABLE);
    const selectRows = database.prepare<[], MigrationRow>(SELECT_ROWS);
    const pending = pendingMigrations(selectRows.all(), migrations, databaseUrl);
    if (pending.length === 0) return [];

    // Table rebuilds in Prisma's SQLite migrations switch foreign keys off,
    // which SQLite ignores inside a transaction; switching them off here
    // first lets each migration run in one all-or-nothing transaction, as
    // SQLite's documented ALTER TABLE procedure does.
    database.pragma("foreign_keys = OFF");
    const insertRow = database.prepare(
      `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count") VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
    );
    const applied: string[] = [];
    for (const migration of pending) {
      const applyOne = database.transaction(() => {
        // Under the write lock: another process may have applied it meanwhile.
        if (pendingMigrations(selectRows.all(), [migration], databaseUrl).length === 0) return false;
        const startedAt = sqliteTimestamp();
        database.exec(migration.script);
        const violations = database.pragma("foreign_key_check") as unknown[];
        if (violations.length > 0) {
          throw new Error(`Migration ${migration.name} leaves ${violations.length} foreign key violation(s).`);
        }
        insertRow.run(randomUUID(), migration.checksum, sqliteTimestamp(), migration.name, startedAt);
        return true;
      });
      try {
        if (applyOne.immediate()) applied.push(migration.name);
      } catch (error) {
        throw new Error(`Migration ${migration.name} failed and was rolled back: ${messageOf(error)}`, { cause: error });
      }
    }
    database.pragma("foreign_keys = ON");
    return applied;
  } finally {
    database.close();
  }
}

async function applyToPostgres(databaseUrl: string, migrations: MigrationFile[]): Promise<string[]> {
  const { connectionString, schema } = splitPostgresUrl(databaseUrl);
  const client = new pg.Client({ connectionString });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`Cannot connect to ${describeDatabaseUrl(databaseUrl)}: ${messageOf(error)}`, { cause: error });
  }
  try {
    if (schema) {
      const quoted = `"${schema.replaceAll('"', '""')}"`;
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}; SET search_path TO ${quoted}`);
    }
    // Held for the whole run: a second process starting at the same moment
    // waits here, then finds nothing left to apply.
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    try {
      await client.query(POSTGRES_MIGRATIONS_TABLE);
      const { rows } = await client.query<MigrationRow>(SELECT_ROWS);
      const pending = pendingMigrations(rows, migrations, databaseUrl);
      const applied: string[] = [];
      for (const migration of pending) {
        await client.query("BEGIN");
        try {
          const { rows: inserted } = await client.query<{ id: string }>(
            `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "applied_steps_count") VALUES ($1, $2, $3, clock_timestamp(), 0) RETURNING "id"`,
            [randomUUID(), migration.checksum, migration.name],
          );
          // Sent without parameters, a multi-statement script runs as one
          // simple query, inside the transaction opened above.
          await client.query(migration.script);
          await client.query(
            `UPDATE "_prisma_migrations" SET "finished_at" = clock_timestamp(), "applied_steps_count" = 1 WHERE "id" = $1`,
            [inserted[0]?.id],
          );
          await client.query("COMMIT");
          applied.push(migration.name);
        } catch (error) {
          await client.query("ROLLBACK");
          throw new Error(`Migration ${migration.name} failed and was rolled back: ${messageOf(error)}`, { cause: error });
        }
      }
      return applied;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
