import type { ApiKeySummary, ApiKeyUsage } from "../db/api-key-queries";
import { microsToDollars } from "../gateway/usage/compute-cost";
import type { LimitReset } from "./key-limit-period";

/**
 * The contract between the key dashboard and its routes (all need a
 * signed-in session; a user sees only their own keys):
 * - GET    /api/keys        → { data: ApiKeyJson[] } (newest first)
 * - POST   /api/keys        body { name, limit?, limitReset? } → 201 { data: ApiKeyJson, key: <secret, shown once> }
 * - GET    /api/keys/{id}   → { data: ApiKeyDetailJson }
 * - PATCH  /api/keys/{id}   body { name?, disabled?, limit?, limitReset? } → { data: ApiKeyJson }
 * - DELETE /api/keys/{id}   → 204
 * Amounts are dollars as numbers, as OpenRouter's API has them, with the
 * exact micro-dollars beside them as strings; `limit: null` clears a limit,
 * `limitReset: null` makes it never reset.
 */
export interface ApiKeyJson {
  id: string;
  name: string;
  prefix: string;
  disabled: boolean;
  /** ISO 8601. */
  createdAt: string;
  lastUsedAt: string | null;
  limit: number | null;
  limitMicros: string | null;
  limitReset: LimitReset | null;
  /** Spent in the limit's current period (all time for a limit that never resets). */
  usage: number;
  usageMicros: string;
  /** What the limit leaves this period; null without a limit. */
  remaining: number | null;
  remainingMicros: string | null;
}

export interface ApiKeyDetailJson extends ApiKeyJson {
  /** Spent per UTC period, from the key's generations. */
  usageTotal: number;
  usageDaily: number;
  usageWeekly: number;
  usageMonthly: number;
}

export function toApiKeyJson(key: ApiKeySummary): ApiKeyJson {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    disabled: key.disabled,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    limit: key.limitMicros === null ? null : microsToDollars(key.limitMicros),
    limitMicros: key.limitMicros?.toString() ?? null,
    limitReset: key.limitReset,
    usage: microsToDollars(key.usageMicros),
    usageMicros: key.usageMicros.toString(),
    remaining: key.remainingMicros === null ? null : microsToDollars(key.remainingMicros),
    remainingMicros: key.remainingMicros?.toString() ?? null,
  };
}

export function toApiKeyDetailJson(key: ApiKeySummary, usage: ApiKeyUsage): ApiKeyDetailJson {
  return {
    ...toApiKeyJson(key),
    usageTotal: microsToDollars(usage.totalMicros),
    usageDaily: microsToDollars(usage.dailyMicros),
    usageWeekly: microsToDollars(usage.weeklyMicros),
    usageMonthly: microsToDollars(usage.monthlyMicros),
  };
}
