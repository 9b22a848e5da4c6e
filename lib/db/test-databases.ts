import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { splitPostgresUrl } from "./database-url";

/**
 * Scratch databases for tests: a SQLite file in a temporary folder, or a
 * uniquely named PostgreSQL database on the server TEST_POSTGRES_URL names.
 * Each `drop` removes what its `create` made.
 */

export interface ScratchDatabase {
  url: string;
  drop: () => Promise<void>;
}

export function createScratchSqlite(): ScratchDatabase {
  const directory = mkdtempSync(path.join(os.tmpdir(), "switchyard-db-"));
  // A folder that does not exist yet, as ./data on a fresh clone.
  const url = `file:${path.join(directory, "data", "test.db")}`;
  return { url, drop: async () => rmSync(directory, { recursive: true, force: true }) };
}

export async function createScratchPostgres(serverUrl: string): Promise<ScratchDatabase> {
  const name = `switchyard_test_${randomUUID().replaceAll("-", "")}`;
  await runOnServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(splitPostgresUrl(serverUrl).connectionString);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE ends connections a failed test may have left open.
    drop: () => runOnServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function runOnServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: splitPostgresUrl(serverUrl).connectionString });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
