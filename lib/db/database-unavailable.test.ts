import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, isUnstorableText } from "./database-unavailable";

const withCode = (code: string, message = "failed") => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it("recognises a refused or reset connection, however deep in the causes", () => {
    expect(isDatabaseUnavailable(withCode("ECONNREFUSED"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("query failed", { cause: new Error("driver", { cause: withCode("ECONNRESET") }) }))).toBe(true);
  });

  it("recognises PostgreSQL shutting down, Prisma's codes and driver adapter kinds", () => {
    expect(isDatabaseUnavailable(withCode("57P01", "terminating connection due to administrator command"))).toBe(true);
    expect(isDatabaseUnavailable(withCode("P1001"))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("adapter"), { cause: { kind: "DatabaseNotReachable" } }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
  });

  it("leaves query errors and other failures alone", () => {
    expect(isDatabaseUnavailable(withCode("P2002", "Unique constraint failed"))).toBe(false);
    expect(isDatabaseUnavailable(withCode("23505", "duplicate key value"))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});

describe("isUnstorableText", () => {
  it("recognises PostgreSQL refusing a NUL character, by code or by message, and nothing else", () => {
    expect(isUnstorableText(new Error("query", { cause: withCode("22021", 'invalid byte sequence for encoding "UTF8": 0x00') }))).toBe(true);
    expect(isUnstorableText(new Error('invalid byte sequence for encoding "UTF8": 0x00'))).toBe(true);
    expect(isUnstorableText(withCode("P2002", "Unique constraint failed"))).toBe(false);
    expect(isUnstorableText(withCode("ECONNREFUSED"))).toBe(false);
  });
});
