// Prisma's code for a unique constraint violation.
const UNIQUE_VIOLATION = "P2002";
// A transaction that lost a race: PostgreSQL's serialization failure, and
// SQLite's "database is busy" (a writer in another process), which the
// SQLite adapter reports as a timeout.
const RETRYABLE_CODES = new Set(["P2034", "P1008"]);
const MAX_ATTEMPTS = 5;

export function prismaErrorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  return prismaErrorCode(error) === UNIQUE_VIOLATION;
}

/**
 * Runs a transaction again when it lost a race to another writer. Only for
 * work that is safe to repeat: a failed attempt has rolled back entirely.
 */
export async function retryOnConflict<Result>(run: () => Promise<Result>): Promise<Result> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      const code = prismaErrorCode(error);
      if (code === undefined || !RETRYABLE_CODES.has(code) || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
    }
  }
}
