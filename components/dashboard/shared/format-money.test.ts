import { describe, expect, it } from "vitest";
import { formatMicros, parseDollarInput } from "./format-money";

describe("formatMicros", () => {
  it("shows two decimals for whole amounts and cents", () => {
    expect(formatMicros("0")).toBe("$0.00");
    expect(formatMicros("5000000")).toBe("$5.00");
    expect(formatMicros("2500000")).toBe("$2.50");
  });

  it("keeps up to six decimals so a tiny cost is not shown as nothing", () => {
    expect(formatMicros("123")).toBe("$0.000123");
    expect(formatMicros("1234567")).toBe("$1.234567");
  });

  it("groups thousands and signs amounts when asked", () => {
    expect(formatMicros(1_234_500_000n)).toBe("$1,234.50");
    expect(formatMicros("-1500", { signed: true })).toBe("−$0.0015");
    expect(formatMicros("10000000", { signed: true })).toBe("+$10.00");
    expect(formatMicros("0", { signed: true })).toBe("$0.00");
  });
});

describe("parseDollarInput", () => {
  it("reads what people type", () => {
    expect(parseDollarInput(" $1,000.5 ")).toEqual({ dollars: 1000.5 });
    expect(parseDollarInput("1")).toEqual({ dollars: 1 });
  });

  it("explains what it cannot read", () => {
    expect(parseDollarInput("")).toHaveProperty("problem");
    expect(parseDollarInput("-3")).toHaveProperty("problem");
    expect(parseDollarInput("1.1234567")).toHaveProperty("problem");
    expect(parseDollarInput("ten")).toHaveProperty("problem");
  });
});
