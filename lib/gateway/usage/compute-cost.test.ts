import { describe, expect, it } from "vitest";
import { applyByokFee, computeCostMicros, isFreePricing, microsToDollars, perMillionToPerTokenString } from "./compute-cost";
import { normalizeUsage, ZERO_USAGE } from "./normalize-usage";

const gpt4oMini = { promptPerMillion: 150_000, completionPerMillion: 600_000, cacheReadPerMillion: 75_000 };

describe("computeCostMicros", () => {
  it("prices prompt and completion tokens", () => {
    // 1,000 x $0.15/M + 500 x $0.60/M = $0.00015 + $0.0003 = 450 micro-dollars.
    expect(computeCostMicros(gpt4oMini, { ...ZERO_USAGE, promptTokens: 1000, completionTokens: 500 })).toBe(450n);
  });

  it("rounds up once, to the micro-dollar", () => {
    // 16 x 0.15 + 1 x 0.6 = 3.0 micro-dollars exactly; 17 prompt tokens is 3.15 -> 4.
    expect(computeCostMicros(gpt4oMini, { ...ZERO_USAGE, promptTokens: 16, completionTokens: 1 })).toBe(3n);
    expect(computeCostMicros(gpt4oMini, { ...ZERO_USAGE, promptTokens: 17, completionTokens: 1 })).toBe(4n);
  });

  it("prices cache reads at the cache rate and counts them once", () => {
    const usage = { ...ZERO_USAGE, promptTokens: 2000, cachedTokens: 1000, completionTokens: 0 };
    // 1000 uncached x 0.15 + 1000 cached x 0.075 = 225.
    expect(computeCostMicros(gpt4oMini, usage)).toBe(225n);
  });

  it("prices cache writes at their own rate", () => {
    const pricing = { promptPerMillion: 3_000_000, completionPerMillion: 15_000_000, cacheReadPerMillion: 300_000, cacheWritePerMillion: 3_750_000 };
    const usage = { ...ZERO_USAGE, promptTokens: 1529, cachedTokens: 1111, cacheWriteTokens: 418 };
    // 0 uncached; 1111 x 0.3 = 333.3; 418 x 3.75 = 1567.5; total 1900.8 -> 1901.
    expect(computeCostMicros(pricing, usage)).toBe(1901n);
  });

  it("prices reasoning tokens at the reasoning rate only when one is set", () => {
    const usage = { ...ZERO_USAGE, completionTokens: 1000, reasoningTokens: 400 };
    expect(computeCostMicros({ promptPerMillion: 0, completionPerMillion: 1_000_000 }, usage)).toBe(1000n);
    expect(computeCostMicros({ promptPerMillion: 0, completionPerMillion: 1_000_000, reasoningPerMillion: 2_000_000 }, usage)).toBe(1400n);
  });

  it("adds the per-request fee", () => {
    expect(computeCostMicros({ promptPerMillion: 0, completionPerMillion: 0, requestMicros: 5000 }, ZERO_USAGE)).toBe(5000n);
  });

  it("bills the BYOK fee's share of the list price, rounded up once", () => {
    expect(applyByokFee(1_000_000n, 5)).toBe(50_000n);
    expect(applyByokFee(15n, 5)).toBe(1n);
    expect(applyByokFee(1_000n, 5.5)).toBe(55n);
    expect(applyByokFee(0n, 5)).toBe(0n);
    expect(applyByokFee(123n, 0)).toBe(0n);
  });

  it("costs nothing for free models", () => {
    const free = { promptPerMillion: 0, completionPerMillion: 0 };
    expect(isFreePricing(free)).toBe(true);
    expect(computeCostMicros(free, { ...ZERO_USAGE, promptTokens: 10_000, completionTokens: 10_000 })).toBe(0n);
  });

  it("stays exact for large counts", () => {
    const usage = { ...ZERO_USAGE, promptTokens: 2_000_000_000, completionTokens: 0 };
    expect(computeCostMicros({ promptPerMillion: 15_000_000, completionPerMillion: 0 }, usage)).toBe(30_000_000_000n);
  });
});

describe("price formatting", () => {
  it("writes dollars per token as OpenRouter does", () => {
    expect(perMillionToPerTokenString(150_000)).toBe("0.00000015");
    expect(perMillionToPerTokenString(15_000_000)).toBe("0.000015");
    expect(perMillionToPerTokenString(37_500)).toBe("0.0000000375");
    expect(perMillionToPerTokenString(0)).toBe("0");
    expect(perMillionToPerTokenString(2_000_000_000_000)).toBe("2");
  });

  it("converts micro-dollars to dollars", () => {
    expect(microsToDollars(450n)).toBe(0.00045);
  });
});

describe("normalizeUsage", () => {
  it("reads OpenAI's usage with details", () => {
    expect(
      normalizeUsage({
        prompt_tokens: 16,
        completion_tokens: 363,
        total_tokens: 379,
        prompt_tokens_details: { cached_tokens: 4 },
        completion_tokens_details: { reasoning_tokens: 10 },
      }),
    ).toEqual({ promptTokens: 16, completionTokens: 363, reasoningTokens: 10, cachedTokens: 4, cacheWriteTokens: 0 });
  });

  it("treats missing, null and junk fields as zero", () => {
    expect(normalizeUsage({ prompt_tokens: Number.NaN, completion_tokens: -3, prompt_tokens_details: null })).toEqual(ZERO_USAGE);
    expect(normalizeUsage(null)).toBeUndefined();
  });
});
