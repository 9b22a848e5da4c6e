// Driver adapter factories for the wasm schema engine: one per provider, each
// able to open the main database and a throwaway shadow database.
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// The binder that turns an adapter into the Result-returning shape the wasm
// engine calls into lives in @prisma/driver-adapter-utils, which the adapters
// depend on; resolving it through them keeps us on their exact version.
const requireFromAdapter = createRequire(createRequire(import.meta.url).resolve("@prisma/adapter-pg"));
/** @type {typeof import("@prisma/driver-adapter-utils")} */
const driverAdapterUtils = requireFromAdapter("@prisma/driver-adapter-utils");

const POSTGRES_CHAR_OID = 18;
const POSTGRES_TEXT_OID = 25;

/**
 * The schema engine's PostgreSQL introspection selects pg_catalog columns of
 * type "char" (constraint and relation kinds), which @prisma/adapter-pg
 * rejects as an unsupported column type. Relabelling them as text before the
 * result is built is exact: "char" arrives as a one-character string anyway.
 */
class CharAsTextClient extends pg.Client {
  /** @param {pg.ClientConfig} [config] */
  constructor(config) {
    super(config);
    // `connection` is internal to node-postgres, hence absent from its types.
    const { connection } = /** @type {{ connection: import("node:events").EventEmitter }} */ (/** @type {unknown} */ (this));
    connection.prependListener("rowDescription", (/** @type {{ fields: { dataTypeID: number }[] }} */ message) => {
      for (const field of message.fields) {
        if (field.dataTypeID === POSTGRES_CHAR_OID) field.dataTypeID = POSTGRES_TEXT_OID;
      }
    });
  }
}

/** @param {string} url */
export function isPostgresUrl(url) {
  return /^postgres(ql)?:\/\//i.test(url);
}

/**
 * Prisma URLs may carry `?schema=name`; node-postgres does not know that
 * parameter, so it is split off and handed to the adapter instead.
 * @param {string} url
 */
export function splitPostgresUrl(url) {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? undefined;
  parsed.searchParams.delete("schema");
  return { connectionString: parsed.toString(), schema };
}

/**
 * @param {string} url
 * @param {string} database
 */
export function withDatabaseName(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/**
 * Runs one statement on the server's maintenance connection, for CREATE and
 * DROP DATABASE, which cannot run inside the database they affect.
 * @param {string} serverUrl
 * @param {string} statement
 */
export async function runOnServer(serverUrl, statement) {
  const client = new pg.Client({ connectionString: splitPostgresUrl(serverUrl).connectionString });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A database name that cannot collide with another run's, within PostgreSQL's 63-byte limit. */
export function scratchDatabaseName(purpose = "shadow") {
  return `prisma_${purpose}_${randomUUID().replaceAll("-", "")}`;
}

/** @param {string} name */
export function quoteIdentifier(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * @param {string} serverUrl
 * @param {string} name
 */
export async function dropDatabase(serverUrl, name) {
  // FORCE ends the connections a failed engine call may have left open.
  await runOnServer(serverUrl, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
}

/**
 * adapter-pg splits scripts on every ";" and runs the pieces one by one, which
 * breaks on semicolons inside literals and leaves a half-applied migration on
 * failure. Sent as one simple query, PostgreSQL runs the whole script in one
 * implicit transaction, as Prisma's native engine does.
 * @param {import("@prisma/driver-adapter-utils").SqlDriverAdapter} adapter
 */
function runScriptsAsOneQuery(adapter) {
  const queryable = /** @type {{ underlyingDriver: () => pg.Pool, onError: (error: unknown) => never }} */ (
    /** @type {unknown} */ (adapter)
  );
  adapter.executeScript = async (script) => {
    try {
      await queryable.underlyingDriver().query(script);
    } catch (error) {
      queryable.onError(error);
    }
  };
  return adapter;
}

/** @typedef {import("@prisma/driver-adapter-utils").SqlMigrationAwareDriverAdapterFactory & { close: () => Promise<void> }} ClosableAdapterFactory */

/**
 * @param {{ url: string; shadowServerUrl?: string }} options
 *   shadowServerUrl: a server on which we may create and drop the shadow database; defaults to the main URL's server.
 * @returns {ClosableAdapterFactory}
 */
function createPostgresFactory({ url, shadowServerUrl }) {
  const { connectionString, schema } = splitPostgresUrl(url);
  const serverUrl = shadowServerUrl ?? url;
  /** @type {Set<string>} */
  const shadowDatabases = new Set();
  const main = new PrismaPg({ connectionString, Client: CharAsTextClient, max: 2 }, { schema });
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => runScriptsAsOneQuery(await main.connect()),
    // adapter-pg's own shadow connection lets the URL's database name win over
    // the one it created, so we create, connect to and drop the shadow ourselves.
    connectToShadowDb: async () => {
      const name = scratchDatabaseName("shadow");
      await runOnServer(serverUrl, `CREATE DATABASE ${quoteIdentifier(name)}`);
      shadowDatabases.add(name);
      const shadowUrl = splitPostgresUrl(withDatabaseName(serverUrl, name)).connectionString;
      const shadow = new PrismaPg({ connectionString: shadowUrl, Client: CharAsTextClient, max: 2 });
      const adapter = runScriptsAsOneQuery(await shadow.connect());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await dropDatabase(serverUrl, name);
        shadowDatabases.delete(name);
      };
      return adapter;
    },
    /** Drops shadow databases the engine did not dispose of, e.g. after an error. */
    close: async () => {
      for (const name of shadowDatabases) await dropDatabase(serverUrl, name);
      shadowDatabases.clear();
    },
  };
}

/** @param {string} url */
export function sqliteFilePath(url) {
  const location = url.replace(/^file:/, "");
  return location === ":memory:" ? location : path.resolve(location);
}

const MULTIPLE_STATEMENTS = "more than one statement";

/**
 * On SQLite the engine hands a whole migration script to executeRaw, and
 * better-sqlite3 prepares one statement at a time, so it refuses (the engine
 * then reports P3006). Such a script has no parameters and is refused before
 * anything runs, so running it through exec instead is equivalent.
 * @param {import("@prisma/driver-adapter-utils").SqlDriverAdapter} adapter
 */
function runMultiStatementSqlAsScript(adapter) {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      const refused = error instanceof Error && error.message.includes(MULTIPLE_STATEMENTS);
      if (!refused || query.args.length > 0) throw error;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  return adapter;
}

/**
 * @param {{ url: string }} options
 * @returns {ClosableAdapterFactory}
 */
function createSqliteFactory({ url }) {
  const filePath = sqliteFilePath(url);
  if (filePath !== ":memory:") mkdirSync(path.dirname(filePath), { recursive: true });
  // The shadow database defaults to ":memory:", which is private to this process.
  const factory = new PrismaBetterSqlite3({ url: filePath, timeout: 10_000 });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => runMultiStatementSqlAsScript(await factory.connect()),
    connectToShadowDb: async () => runMultiStatementSqlAsScript(await factory.connectToShadowDb()),
    close: async () => {},
  };
}

/**
 * A factory in the shape the wasm engine calls (methods that return Results
 * rather than throw), plus `close` to release what it created.
 * @param {{ provider: string; url: string; shadowServerUrl?: string }} options
 */
export function createEngineAdapterFactory({ provider, url, shadowServerUrl }) {
  if (provider === "postgresql" && !isPostgresUrl(url)) {
    throw new Error(`The postgresql schema needs a postgres:// URL, got ${describeUrl(url)}.`);
  }
  if (provider === "sqlite" && isPostgresUrl(url)) {
    throw new Error(`The sqlite schema needs a file: URL, got ${describeUrl(url)}.`);
  }
  const factory =
    provider === "postgresql" ? createPostgresFactory({ url, shadowServerUrl }) : createSqliteFactory({ url });
  // The engine does not dispose of its main connection when it is freed, so we
  // keep track of it; otherwise an open pool would keep the process alive.
  /** @type {Set<import("@prisma/driver-adapter-utils").SqlDriverAdapter>} */
  const connections = new Set();
  const tracked = {
    ...factory,
    connect: async () => {
      const adapter = await factory.connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        connections.delete(adapter);
        await dispose();
      };
      connections.add(adapter);
      return adapter;
    },
  };
  return {
    bound: driverAdapterUtils.bindMigrationAwareSqlAdapterFactory(tracked),
    close: async () => {
      for (const adapter of connections) await adapter.dispose();
      await factory.close();
    },
  };
}

/**
 * A URL safe to print: the password is hidden.
 * @param {string} url
 */
export function describeUrl(url) {
  if (!isPostgresUrl(url)) return url;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
