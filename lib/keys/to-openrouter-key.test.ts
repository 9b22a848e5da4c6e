import { describe, expect, it } from "vitest";
import type { ApiKeySummary, ApiKeyUsage } from "../db/api-key-queries";
import { toOpenRouterKey } from "./to-openrouter-key";

const key: ApiKeySummary = {
  id: "key_1",
  name: "laptop",
  prefix: "sk-sy-v1-AbCdEf",
  disabled: false,
  createdAt: new Date("2026-03-01T00:00:00.000Z"),
  lastUsedAt: null,
  limitMicros: 5_000_000n,
  limitReset: "monthly",
  usageMicros: 1_250_000n,
  remainingMicros: 3_750_000n,
};
const usage: ApiKeyUsage = { totalMicros: 2_500_001n, dailyMicros: 250_000n, weeklyMicros: 750_000n, monthlyMicros: 1_250_000n };
const rateLimit = { requests: 20, interval: "1m" };

describe("toOpenRouterKey", () => {
  it("reports the key in OpenRouter's shape, in dollars", () => {
    expect(toOpenRouterKey({ key, usage, purchasedMicros: 10_000_000n, rateLimit })).toEqual({
      label: "sk-sy-v1-AbCdEf...",
      limit: 5,
      limit_remaining: 3.75,
      limit_reset: "monthly",
      usage: 2.500001,
      usage_daily: 0.25,
      usage_weekly: 0.75,
      usage_monthly: 1.25,
      is_free_tier: false,
      is_provisioning_key: false,
      rate_limit: { requests: 20, interval: "1m" },
    });
  });

  it("reports no limit as nulls and an account that never bought credits as free tier", () => {
    const unlimited = { ...key, limitMicros: null, limitReset: null, remainingMicros: null };
    expect(toOpenRouterKey({ key: unlimited, usage, purchasedMicros: 0n, rateLimit })).toMatchObject({
      limit: null,
      limit_remaining: null,
      limit_reset: null,
      is_free_tier: true,
    });
  });

  it("never reveals the key's name or id, which belong to the dashboard", () => {
    const body = JSON.stringify(toOpenRouterKey({ key, usage, purchasedMicros: 0n, rateLimit }));
    expect(body).not.toContain("key_1");
    expect(body).not.toContain("laptop");
  });
});
