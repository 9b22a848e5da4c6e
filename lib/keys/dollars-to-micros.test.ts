import { describe, expect, it } from "vitest";
import { DollarAmountError, dollarsToMicros, MAX_DOLLARS } from "./dollars-to-micros";

describe("dollarsToMicros", () => {
  it("converts whole and fractional dollars exactly", () => {
    expect(dollarsToMicros(0)).toBe(0n);
    expect(dollarsToMicros(5)).toBe(5_000_000n);
    expect(dollarsToMicros(0.1)).toBe(100_000n);
    expect(dollarsToMicros(0.29)).toBe(290_000n);
    expect(dollarsToMicros(1.005)).toBe(1_005_000n);
    expect(dollarsToMicros(12.345678)).toBe(12_345_678n);
    expect(dollarsToMicros(0.000001)).toBe(1n);
    expect(dollarsToMicros(MAX_DOLLARS)).toBe(BigInt(MAX_DOLLARS) * 1_000_000n);
  });

  it("is exact where multiplying the float would not be", () => {
    // 8.2 * 1e6 is 8199999.999999999 in floating point.
    expect(8.2 * 1_000_000).not.toBe(8_200_000);
    expect(dollarsToMicros(8.2)).toBe(8_200_000n);
    expect(dollarsToMicros(999_999_999.999999)).toBe(999_999_999_999_999n);
  });

  it("treats negative zero as zero", () => {
    expect(dollarsToMicros(-0)).toBe(0n);
  });

  it("refuses amounts finer than a micro-dollar instead of rounding them", () => {
    expect(() => dollarsToMicros(1.0000001)).toThrow(DollarAmountError);
    expect(() => dollarsToMicros(0.0000001)).toThrow("at most 6 decimal places");
    expect(() => dollarsToMicros(0.1 + 0.2)).toThrow("at most 6 decimal places");
  });

  it("refuses negative, non-finite and absurdly large amounts", () => {
    expect(() => dollarsToMicros(-1)).toThrow("must not be negative");
    expect(() => dollarsToMicros(-0.000001)).toThrow("must not be negative");
    expect(() => dollarsToMicros(Number.NaN)).toThrow("finite");
    expect(() => dollarsToMicros(Number.POSITIVE_INFINITY)).toThrow("finite");
    expect(() => dollarsToMicros(MAX_DOLLARS + 1)).toThrow("at most");
    expect(() => dollarsToMicros(1e21)).toThrow(DollarAmountError);
  });
});
