/**
 * Whether an error means the database could not be reached or dropped the
 * connection (a restart, a failover, a network cut, an exhausted pool), as
 * opposed to a query that is wrong. Those are worth a 503 and a retry, not
 * an opaque 500. The reason hides in different places: node-postgres and
 * Node put a code on the error or its cause, Prisma's driver adapters a
 * `kind`, and some only say it in the message.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === "object" && current !== null; depth++) {
    const { code, kind, message, originalCode } = current as { code?: unknown; kind?: unknown; message?: unknown; originalCode?: unknown };
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
    if (typeof originalCode === "string" && UNAVAILABLE_CODES.has(originalCode)) return true;
    if (typeof kind === "string" && UNAVAILABLE_KINDS.has(kind)) return true;
    if (typeof message === "string" && UNAVAILABLE_MESSAGE.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

const UNAVAILABLE_CODES = new Set([
  // Node's socket errors.
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  // PostgreSQL: connection exceptions (class 08), shutting down or starting up (57P01-57P03).
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "57P01",
  "57P02",
  "57P03",
  // Prisma: can't reach the server, timed out, closed, pool timeout.
  "P1001",
  "P1002",
  "P1017",
  "P2024",
  // SQLite: another writer held the lock past the busy timeout.
  "SQLITE_BUSY",
]);

/** Prisma's driver adapter error kinds for the same. */
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "DatabaseAccessDenied"]);

const UNAVAILABLE_MESSAGE = /Connection terminated|Connection ended unexpectedly|timeout exceeded when trying to connect|Can't reach database server|Server has closed the connection/i;
