// The settings the Prisma scripts take from the environment. Like the app,
// they read .env when there is one; variables already set win over it.
import { existsSync } from "node:fs";
import path from "node:path";
import { isPostgresUrl } from "./driver-adapters.mjs";
import { repositoryRoot } from "./paths.mjs";

export const DEFAULT_DATABASE_URL = "file:./data/switchyard.db";
const LOCAL_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * Relative SQLite paths mean the same as under `npm start`, which runs at the
 * repository root, whatever directory a script is started from.
 */
export function enterRepositoryRoot() {
  process.chdir(repositoryRoot);
  const dotenv = path.join(repositoryRoot, ".env");
  if (existsSync(dotenv)) process.loadEnvFile(dotenv);
}

/** @param {string | undefined} value */
function nonEmpty(value) {
  return value === undefined || value === "" ? undefined : value;
}

export function databaseUrl() {
  return nonEmpty(process.env.DATABASE_URL) ?? DEFAULT_DATABASE_URL;
}

/** @param {string} url */
export function providerForUrl(url) {
  return isPostgresUrl(url) ? "postgresql" : "sqlite";
}

/**
 * A PostgreSQL server on which the tools may create and drop scratch
 * databases (shadow databases, drift checks). SHADOW_POSTGRES_URL wins; then
 * the app's own database when it is PostgreSQL; then the test server; then
 * the local default.
 */
export function scratchPostgresUrl() {
  const configured = nonEmpty(process.env.SHADOW_POSTGRES_URL);
  if (configured) return configured;
  const database = nonEmpty(process.env.DATABASE_URL);
  if (database && isPostgresUrl(database)) return database;
  return nonEmpty(process.env.TEST_POSTGRES_URL) ?? LOCAL_POSTGRES_URL;
}
