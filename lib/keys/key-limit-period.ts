/**
 * When a key's spending limit starts counting again. Periods are UTC, as
 * OpenRouter's are: a day starts at 00:00, a week on Monday 00:00, a month on
 * the 1st at 00:00. This is the one definition; the queries that show usage
 * and the gateway that enforces limits both read periods through it.
 */

export const LIMIT_RESETS = ["daily", "weekly", "monthly"] as const;
export type LimitReset = (typeof LIMIT_RESETS)[number];

export function isLimitReset(value: unknown): value is LimitReset {
  return typeof value === "string" && (LIMIT_RESETS as readonly string[]).includes(value);
}

/** The start of the period `now` falls in; null for a limit that never resets. */
export function currentPeriodStart(reset: LimitReset, now: Date): Date;
export function currentPeriodStart(reset: LimitReset | null, now: Date): Date | null;
export function currentPeriodStart(reset: LimitReset | null, now: Date): Date | null {
  if (reset === null) return null;
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const day = now.getUTCDate();
  switch (reset) {
    case "daily":
      return new Date(Date.UTC(year, month, day));
    case "weekly": {
      // getUTCDay counts from Sunday (0); weeks here start on Monday.
      const daysSinceMonday = (now.getUTCDay() + 6) % 7;
      return new Date(Date.UTC(year, month, day - daysSinceMonday));
    }
    case "monthly":
      return new Date(Date.UTC(year, month, 1));
  }
}

/** What a key's limit needs to know about its usage counter. */
export interface KeyPeriodUsage {
  limitReset: LimitReset | null;
  periodStart: Date;
  periodUsageMicros: bigint;
}

/**
 * The usage that counts against the limit now. The counter is rolled lazily,
 * by whoever next writes it, so a counter whose period has ended still holds
 * the old period's usage: that counts as nothing.
 */
export function effectivePeriodUsage(key: KeyPeriodUsage, now: Date): bigint {
  const start = currentPeriodStart(key.limitReset, now);
  if (start !== null && start.getTime() > key.periodStart.getTime()) return 0n;
  return key.periodUsageMicros;
}

