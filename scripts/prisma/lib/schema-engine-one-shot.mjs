// The native engine's `cli` subcommands, which the Prisma CLI runs as separate
// processes: it reads success from the exit code and an error from the stderr
// log lines, in the native engine's JSON log format (first line skipped).
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { isPostgresUrl, quoteIdentifier, runOnServer, splitPostgresUrl, sqliteFilePath } from "./driver-adapters.mjs";

class OneShotError extends Error {
  /**
   * @param {string} code Prisma error code
   * @param {string} message
   */
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** @param {string} url */
function postgresTarget(url) {
  const connection = new URL(splitPostgresUrl(url).connectionString);
  const database = decodeURIComponent(connection.pathname.slice(1)) || "postgres";
  const server = new URL(connection);
  server.pathname = "/postgres";
  return { connectionString: connection.toString(), database, serverUrl: server.toString() };
}

/** @param {string} url */
async function canConnect(url) {
  if (!isPostgresUrl(url)) {
    const filePath = sqliteFilePath(url);
    if (filePath !== ":memory:" && !existsSync(filePath)) throw new OneShotError("P1003", `Database \`${path.basename(filePath)}\` does not exist at \`${filePath}\`.`);
    return;
  }
  const { connectionString, database } = postgresTarget(url);
  const client = new pg.Client({ connectionString });
  try {
    await client.connect();
  } catch (error) {
    const code = /** @type {{ code?: string }} */ (error).code;
    if (code === "3D000") throw new OneShotError("P1003", `Database \`${database}\` does not exist.`);
    throw new OneShotError("P1001", `Can't reach database server: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await client.end().catch(() => {});
  }
}

/** @param {string} url */
export async function createDatabase(url) {
  if (!isPostgresUrl(url)) {
    const filePath = sqliteFilePath(url);
    await mkdir(path.dirname(filePath), { recursive: true });
    await writeFile(filePath, "", { flag: "a" });
    return;
  }
  const { database, serverUrl } = postgresTarget(url);
  await runOnServer(serverUrl, `CREATE DATABASE ${quoteIdentifier(database)}`);
}

/** @param {string} url */
async function dropDatabase(url) {
  if (!isPostgresUrl(url)) {
    const filePath = sqliteFilePath(url);
    for (const suffix of ["", "-wal", "-shm", "-journal"]) await rm(`${filePath}${suffix}`, { force: true });
    return;
  }
  const { database, serverUrl } = postgresTarget(url);
  await runOnServer(serverUrl, `DROP DATABASE IF EXISTS ${quoteIdentifier(database)} WITH (FORCE)`);
}

/**
 * Creates the database a URL names when it does not exist yet, as
 * `prisma migrate deploy` does; returns whether it did.
 * @param {string} url
 */
export async function ensureDatabaseExists(url) {
  try {
    await canConnect(url);
    return false;
  } catch (error) {
    if (!(error instanceof OneShotError) || error.code !== "P1003") throw error;
    await createDatabase(url);
    return true;
  }
}

/** @type {Record<string, (url: string) => Promise<void>>} */
const commands = {
  "can-connect-to-database": canConnect,
  "create-database": createDatabase,
  "drop-database": dropDatabase,
};

/**
 * @param {string} command
 * @param {string} url
 * @returns {Promise<number>} exit code
 */
export async function runOneShotCommand(command, url) {
  const run = commands[command];
  try {
    if (!run) throw new OneShotError("P1000", `Unknown schema engine command "${command}".`);
    await run(url);
    return 0;
  } catch (error) {
    const code = error instanceof OneShotError ? error.code : "P1000";
    const message = error instanceof Error ? error.message : String(error);
    const line = { level: "ERROR", target: "schema_engine::logger", fields: { error_code: code, message } };
    process.stderr.write(`schema-engine-wasm ${command}\n${JSON.stringify(line)}\n`);
    return 1;
  }
}
