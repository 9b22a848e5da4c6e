import { describe, expect, it } from "vitest";
import { convertDollarsToMicros } from "./convert-dollars-to-micros";

describe("convertDollarsToMicros", () => {
  it.each([
    [0.15, 150_000],
    [0.0375, 37_500],
    [3.75, 3_750_000],
    [0, 0],
    [15, 15_000_000],
    [600, 600_000_000],
    [0.01875, 18_750],
    [0.3125, 312_500],
    [0.078, 78_000],
    [1.234567, 1_234_567],
    [0.000001, 1],
    [1e-6, 1],
    [2.5e3, 2_500_000_000],
  ])("converts $%s per million to %i micro-dollars", (dollars, micros) => {
    expect(convertDollarsToMicros(dollars)).toBe(micros);
  });

  it("is exact where float multiplication is not", () => {
    expect(1.005 * 1_000_000).not.toBe(1_005_000);
    expect(convertDollarsToMicros(1.005)).toBe(1_005_000);
    expect(8.2 * 1_000_000).not.toBe(8_200_000);
    expect(convertDollarsToMicros(8.2)).toBe(8_200_000);
  });

  it("refuses a price finer than a micro-dollar per million instead of rounding it", () => {
    expect(() => convertDollarsToMicros(0.1234567)).toThrow(RangeError);
    expect(() => convertDollarsToMicros(1e-7)).toThrow(RangeError);
    // The float sum 0.1 + 0.2 is 0.30000000000000004, which is not a whole number of micros.
    expect(() => convertDollarsToMicros(0.1 + 0.2)).toThrow(RangeError);
  });

  it("refuses negative and non-finite prices", () => {
    expect(() => convertDollarsToMicros(-1)).toThrow(RangeError);
    expect(() => convertDollarsToMicros(Number.NaN)).toThrow(RangeError);
    expect(() => convertDollarsToMicros(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
