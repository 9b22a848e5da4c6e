import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import Database from "better-sqlite3";
import { env } from "../env";
import { PrismaClient as PostgresqlPrismaClient } from "../generated/prisma/postgresql/client";
import { PrismaClient as SqlitePrismaClient } from "../generated/prisma/sqlite/client";
import { defaultDatabaseUrl, isPostgresUrl, splitPostgresUrl, sqliteFilePath } from "./database-url";

/**
 * The two generated clients come from one schema and differ only in the
 * provider they were generated for, so the SQLite one's types stand for both.
 */
export type PrismaClient = SqlitePrismaClient;

const SQLITE_BUSY_TIMEOUT_MS = 5_000;
const POSTGRES_CONNECT_TIMEOUT_MS = 5_000;

/** Which database a client talks to, for the few statements written per dialect (see dialectOf). */
export type DatabaseDialect = "sqlite" | "postgresql";
const dialects = new WeakMap<object, DatabaseDialect>();

/** The dialect of a client made by createPrismaClient; SQLite for any other. */
export function dialectOf(client: PrismaClient): DatabaseDialect {
  return dialects.get(client) ?? "sqlite";
}

/** A new client for the given database; most code wants `getPrisma()` instead. */
export function createPrismaClient(options: { databaseUrl: string }): PrismaClient {
  const { databaseUrl } = options;
  if (isPostgresUrl(databaseUrl)) {
    const { connectionString, schema } = splitPostgresUrl(databaseUrl);
    // node-postgres waits for a connection forever by default: a database
    // that stops answering (a network cut, not a refusal) would hang every
    // request. Five seconds, then the request fails as a 503.
    const pool = { connectionString, connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS };
    const client = new PostgresqlPrismaClient({ adapter: new PrismaPg(pool, { schema }) });
    dialects.set(client, "postgresql");
    // Only the provider-specific extras differ (e.g. `mode: "insensitive"`
    // filters exist on PostgreSQL alone), which code shared by both must not use.
    return client as unknown as PrismaClient;
  }
  const filePath = sqliteFilePath(databaseUrl);
  if (filePath !== ":memory:") {
    mkdirSync(path.dirname(filePath), { recursive: true });
    enableWriteAheadLog(filePath);
  }
  const client = new SqlitePrismaClient({ adapter: new PrismaBetterSqlite3({ url: filePath, timeout: SQLITE_BUSY_TIMEOUT_MS }) });
  // The adapter holds one connection, so this applies to every later query.
  // With WAL, NORMAL syncs at checkpoints instead of on every commit (an
  // fsync per request otherwise); a commit still survives a process crash,
  // only an OS crash or power loss can take the last ones.
  client.$executeRawUnsafe("PRAGMA synchronous = NORMAL").catch((error: unknown) => {
    console.warn("[db] could not set synchronous = NORMAL:", error);
  });
  // 64 MiB of page cache instead of SQLite's 2 MiB: the indexes of a
  // growing Generation table stay in memory, so writing a batch of
  // generations does not read pages back from disk.
  client.$executeRawUnsafe("PRAGMA cache_size = -65536").catch((error: unknown) => {
    console.warn("[db] could not set cache_size:", error);
  });
  return client;
}

/**
 * The adapter opens its own connection and offers no hook to configure it,
 * but the journal mode is stored in the file, so a short-lived connection
 * sets it for every later one: readers then never wait for the writer.
 */
function enableWriteAheadLog(filePath: string): void {
  const database = new Database(filePath, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    database.pragma("journal_mode = WAL");
  } finally {
    database.close();
  }
}

// On globalThis rather than in a module variable: Next's hot reload
// re-evaluates modules in development, and each evaluation would otherwise
// open another connection pool.
const holder = globalThis as typeof globalThis & { switchyardPrisma?: PrismaClient };

/** The process-wide client for DATABASE_URL (the embedded SQLite file by default). */
export function getPrisma(): PrismaClient {
  holder.switchyardPrisma ??= createPrismaClient({ databaseUrl: env.DATABASE_URL ?? defaultDatabaseUrl });
  return holder.switchyardPrisma;
}

/** Closes the process-wide client, if one was opened; the next `getPrisma()` opens a new one. */
export async function disconnectPrisma(): Promise<void> {
  const client = holder.switchyardPrisma;
  holder.switchyardPrisma = undefined;
  await client?.$disconnect();
}
