import { afterEach, describe, expect, it, vi } from "vitest";
import { parseRetryAfter } from "./parse-retry-after";

describe("parseRetryAfter", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("rounds seconds up", () => {
    expect(parseRetryAfter("1.2")).toBe(2);
    expect(parseRetryAfter("0")).toBe(0);
  });

  it("turns an HTTP date into the seconds until then", () => {
    vi.useFakeTimers({ now: Date.parse("2026-01-01T00:00:00Z") });
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT")).toBe(30);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:59:00 GMT")).toBe(0);
  });

  it("ignores a missing or unreadable header", () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});
