import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseProvider } from "./database-url";
import { applyMigrations } from "./migrate";
import { createScratchPostgres, createScratchSqlite, type ScratchDatabase } from "./test-databases";

const repositoryRoot = path.resolve(import.meta.dirname, "../..");
const migrationsRoot = path.join(repositoryRoot, "prisma", "migrations");
const testPostgresUrl = process.env.TEST_POSTGRES_URL;

function migrationNames(provider: DatabaseProvider): string[] {
  return readdirSync(path.join(migrationsRoot, provider), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function checksumOf(provider: DatabaseProvider, name: string): string {
  return createHash("sha256").update(readFileSync(path.join(migrationsRoot, provider, name, "migration.sql"))).digest("hex");
}

/** What the real Prisma schema engine thinks of the database: `migrate status` exits 0 only when it is up to date. */
function prismaStatus(databaseUrl: string): { exitCode: number | null; output: string } {
  const result = spawnSync(process.execPath, ["scripts/prisma/migrate.mjs", "status"], {
    cwd: repositoryRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  return { exitCode: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A migrations folder of our own, for failures the real history never has. */
function writeMigrations(provider: DatabaseProvider, migrations: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "switchyard-migrations-"));
  for (const [name, script] of Object.entries(migrations)) {
    mkdirSync(path.join(root, provider, name), { recursive: true });
    writeFileSync(path.join(root, provider, name, "migration.sql"), script);
  }
  return root;
}

const BROKEN_MIGRATIONS = {
  "20000101000000_first": `CREATE TABLE "Kept" ("id" INTEGER NOT NULL PRIMARY KEY);`,
  "20000102000000_broken": `CREATE TABLE "HalfDone" ("id" INTEGER NOT NULL PRIMARY KEY);\nINSERT INTO "NoSuchTable" VALUES (1);`,
};

describe("applyMigrations on SQLite", () => {
  let database: ScratchDatabase;
  beforeEach(() => {
    database = createScratchSqlite();
  });
  afterEach(() => database.drop());

  it("creates the file, applies every migration once and records them as Prisma does", { timeout: 20_000 }, async () => {
    expect(prismaStatus(database.url).exitCode).toBe(1);

    const first = await applyMigrations({ databaseUrl: database.url });
    expect(first.applied).toEqual(migrationNames("sqlite"));

    const second = await applyMigrations({ databaseUrl: database.url });
    expect(second.applied).toEqual([]);

    const sqlite = new Database(database.url.replace(/^file:/, ""), { readonly: true });
    try {
      expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
      const rows = sqlite
        .prepare(`SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`)
        .all() as { migration_name: string; checksum: string; finished_at: string; rolled_back_at: null; applied_steps_count: number }[];
      expect(rows.map((row) => row.migration_name)).toEqual(migrationNames("sqlite"));
      for (const row of rows) {
        expect(row.checksum).toBe(checksumOf("sqlite", row.migration_name));
        expect(row.finished_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/);
        expect(row.rolled_back_at).toBeNull();
        expect(row.applied_steps_count).toBe(1);
      }
    } finally {
      sqlite.close();
    }

    const status = prismaStatus(database.url);
    expect(status.output).toContain("up to date");
    expect(status.exitCode).toBe(0);
  });

  it("rolls a failing migration back whole and records nothing for it", async () => {
    const root = writeMigrations("sqlite", BROKEN_MIGRATIONS);
    try {
      await expect(applyMigrations({ databaseUrl: database.url, migrationsRoot: root })).rejects.toThrow(
        /20000102000000_broken failed and was rolled back/,
      );
      const sqlite = new Database(database.url.replace(/^file:/, ""), { readonly: true });
      try {
        const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
        expect(tables).toEqual(["Kept", "_prisma_migrations"]);
        const names = sqlite.prepare(`SELECT migration_name FROM _prisma_migrations`).pluck().all();
        expect(names).toEqual(["20000101000000_first"]);
      } finally {
        sqlite.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe.runIf(testPostgresUrl)("applyMigrations on PostgreSQL", () => {
  let database: ScratchDatabase;
  beforeEach(async () => {
    database = await createScratchPostgres(testPostgresUrl ?? "");
  });
  afterEach(() => database.drop());

  it("applies every migration once and records them as Prisma does", { timeout: 20_000 }, async () => {
    const first = await applyMigrations({ databaseUrl: database.url });
    expect(first.applied).toEqual(migrationNames("postgresql"));

    const second = await applyMigrations({ databaseUrl: database.url });
    expect(second.applied).toEqual([]);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
        `SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`,
      );
      expect(rows.map((row) => row.migration_name)).toEqual(migrationNames("postgresql"));
      for (const row of rows) {
        expect(row.checksum).toBe(checksumOf("postgresql", row.migration_name));
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.applied_steps_count).toBe(1);
      }
    } finally {
      await client.end();
    }

    const status = prismaStatus(database.url);
    expect(status.output).toContain("up to date");
    expect(status.exitCode).toBe(0);
  });

  it("lets two processes start at once: each migration is applied exactly once", async () => {
    const [one, two] = await Promise.all([
      applyMigrations({ databaseUrl: database.url }),
      applyMigrations({ databaseUrl: database.url }),
    ]);
    expect([...one.applied, ...two.applied].sort()).toEqual(migrationNames("postgresql"));
  });

  it("rolls a failing migration back whole and records nothing for it", async () => {
    const root = writeMigrations("postgresql", BROKEN_MIGRATIONS);
    try {
      await expect(applyMigrations({ databaseUrl: database.url, migrationsRoot: root })).rejects.toThrow(
        /20000102000000_broken failed and was rolled back/,
      );
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows: tables } = await client.query<{ tablename: string }>(
          `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
        );
        expect(tables.map((row) => row.tablename)).toEqual(["Kept", "_prisma_migrations"]);
        const { rows } = await client.query<{ migration_name: string }>(`SELECT migration_name FROM _prisma_migrations`);
        expect(rows.map((row) => row.migration_name)).toEqual(["20000101000000_first"]);
      } finally {
        await client.end();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
