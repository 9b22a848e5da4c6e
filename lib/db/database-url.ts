import path from "node:path";

/** The embedded default: a SQLite file under ./data, relative to the working directory. */
export const defaultDatabaseUrl = "file:./data/switchyard.db";

export type DatabaseProvider = "sqlite" | "postgresql";

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export function providerOf(url: string): DatabaseProvider {
  return isPostgresUrl(url) ? "postgresql" : "sqlite";
}

/**
 * The file a `file:` URL names, resolved against the working directory as
 * SQLite would; ":memory:" stays as it is.
 */
export function sqliteFilePath(url: string): string {
  const location = url.replace(/^file:/, "");
  if (location === "") throw new Error(`The SQLite URL "${url}" names no file.`);
  return location === ":memory:" ? location : path.resolve(location);
}

/**
 * Prisma URLs may carry `?schema=name`, which node-postgres does not know;
 * it is split off so it can set the search path instead.
 */
export function splitPostgresUrl(url: string): { connectionString: string; schema: string | undefined } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? undefined;
  parsed.searchParams.delete("schema");
  return { connectionString: parsed.toString(), schema };
}

/** The URL with its password hidden, for messages and logs. */
export function describeDatabaseUrl(url: string): string {
  if (!isPostgresUrl(url)) return url;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
