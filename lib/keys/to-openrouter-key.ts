import type { ApiKeySummary, ApiKeyUsage } from "../db/api-key-queries";
import { microsToDollars } from "../gateway/usage/compute-cost";
import type { LimitReset } from "./key-limit-period";

/** The body of OpenRouter's `GET /key`, in dollars. */
export interface OpenRouterKey {
  /** The key's visible start, masked the way OpenRouter labels its keys (`sk-or-v1-116...`). */
  label: string;
  /** The key's limit per period; null without one. */
  limit: number | null;
  /** What the limit leaves in the current period; null without a limit. */
  limit_remaining: number | null;
  limit_reset: LimitReset | null;
  /** Spent with this key, all time. */
  usage: number;
  usage_daily: number;
  usage_weekly: number;
  usage_monthly: number;
  /** The account never bought credits. */
  is_free_tier: boolean;
  is_provisioning_key: false;
  rate_limit: { requests: number; interval: string };
}

/**
 * `usage*` come from the key's generations; `limit_remaining` from the
 * limit's own counter, which is what the gateway enforces.
 * @see https://openrouter.ai/docs/limits
 */
export function toOpenRouterKey(input: {
  key: ApiKeySummary;
  usage: ApiKeyUsage;
  purchasedMicros: bigint;
  rateLimit: { requests: number; interval: string };
}): OpenRouterKey {
  const { key, usage } = input;
  return {
    label: `${key.prefix}...`,
    limit: key.limitMicros === null ? null : microsToDollars(key.limitMicros),
    limit_remaining: key.remainingMicros === null ? null : microsToDollars(key.remainingMicros),
    limit_reset: key.limitReset,
    usage: microsToDollars(usage.totalMicros),
    usage_daily: microsToDollars(usage.dailyMicros),
    usage_weekly: microsToDollars(usage.weeklyMicros),
    usage_monthly: microsToDollars(usage.monthlyMicros),
    is_free_tier: input.purchasedMicros <= 0n,
    is_provisioning_key: false,
    rate_limit: input.rateLimit,
  };
}
