import { describe, expect, it } from "vitest";
import { toJsonSafe } from "./json-safe";

describe("toJsonSafe", () => {
  it("writes BigInts as exact decimal strings, deeply, and leaves the rest alone", () => {
    const createdAt = new Date("2026-01-02T03:04:05.000Z");
    const value = { amountMicros: 9_007_199_254_740_993n, nested: [{ balance: -5n, createdAt, note: null, count: 2 }] };
    expect(JSON.parse(JSON.stringify(toJsonSafe(value)))).toEqual({
      amountMicros: "9007199254740993",
      nested: [{ balance: "-5", createdAt: "2026-01-02T03:04:05.000Z", note: null, count: 2 }],
    });
  });
});
