import { describe, expect, it } from "vitest";
import { dollarAmountSchema } from "./dollar-amount";

describe("dollarAmountSchema", () => {
  it("reads numbers and strings as exact micro-dollars, negative ones too", () => {
    expect(dollarAmountSchema.parse(10)).toBe(10_000_000n);
    expect(dollarAmountSchema.parse(0.1)).toBe(100_000n);
    expect(dollarAmountSchema.parse(12.34)).toBe(12_340_000n);
    expect(dollarAmountSchema.parse(" 2.50 ")).toBe(2_500_000n);
    expect(dollarAmountSchema.parse("$5")).toBe(5_000_000n);
    expect(dollarAmountSchema.parse(-3)).toBe(-3_000_000n);
    expect(dollarAmountSchema.parse("-0.000001")).toBe(-1n);
  });

  it("refuses what is not a plain amount rather than rounding it", () => {
    for (const value of [1e-7, 1e21, Number.NaN, Number.POSITIVE_INFINITY, "1.0000001", "ten", "", "--1", "1,000"]) {
      expect(dollarAmountSchema.safeParse(value).success, String(value)).toBe(false);
    }
  });
});
