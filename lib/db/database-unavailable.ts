/**
 * Whether an error means the database could not be reached or dropped the
 * connection (a restart, a failover, a network cut, an exhausted pool), as
 * opposed to a query that is wrong. Those are worth a 503 and a retry, not
 * an opaque 500. The reason hides in different places: node-postgres and
 * Node put a code on the error or its cause, Prisma's driver adapters a
 * `kind`, and some only say it in the message.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return someInChain(
    error,
    ({ code, kind, message, originalCode }) =>
      (typeof code === "string" && UNAVAILABLE_CODES.has(code)) ||
      (typeof originalCode === "string" && UNAVAILABLE_CODES.has(originalCode)) ||
      (typeof kind === "string" && UNAVAILABLE_KINDS.has(kind)) ||
      (typeof message === "string" && UNAVAILABLE_MESSAGE.test(message)),
  );
}

/**
 * Whether the database refused a string it cannot store: PostgreSQL takes no
 * NUL character (U+0000) in text, which JSON lets a client send anywhere.
 * That is the client's input to fix (a 400), not a server error.
 */
export function isUnstorableText(error: unknown): boolean {
  return someInChain(
    error,
    ({ code, message, originalCode }) =>
      code === "22021" || originalCode === "22021" || code === "22P05" || originalCode === "22P05" || (typeof message === "string" && UNSTORABLE_MESSAGE.test(message)),
  );
}

interface ErrorFields {
  code?: unknown;
  kind?: unknown;
  message?: unknown;
  originalCode?: unknown;
}

/** The reason hides at different depths of the cause chain; a few levels are enough. */
function someInChain(error: unknown, matches: (fields: ErrorFields) => boolean): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === "object" && current !== null; depth++) {
    if (matches(current as ErrorFields)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

const UNSTORABLE_MESSAGE = /invalid byte sequence for encoding "UTF8": 0x00|unsupported Unicode escape sequence/i;

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
