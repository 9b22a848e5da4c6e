import { describe, expect, it } from "vitest";
import { formatMicrosAsDollars, parseDollarsToMicros } from "./money";

describe("parseDollarsToMicros", () => {
  it("parses whole and fractional dollars exactly", () => {
    expect(parseDollarsToMicros("10")).toBe(10_000_000n);
    expect(parseDollarsToMicros("0.1")).toBe(100_000n);
    expect(parseDollarsToMicros("$5.000001")).toBe(5_000_001n);
    expect(parseDollarsToMicros(" 0.3 ")).toBe(300_000n);
  });

  it("refuses what is not an amount", () => {
    for (const text of ["", "-1", "1.2345678", "ten", "1e3", "1,5"]) {
      expect(() => parseDollarsToMicros(text)).toThrow(/not an amount/);
    }
  });
});

describe("formatMicrosAsDollars", () => {
  it("formats with at least cents", () => {
    expect(formatMicrosAsDollars(10_000_000n)).toBe("$10.00");
    expect(formatMicrosAsDollars(1_500_000n)).toBe("$1.50");
    expect(formatMicrosAsDollars(123n)).toBe("$0.000123");
    expect(formatMicrosAsDollars(-2_000_000n)).toBe("-$2.00");
  });
});
