import { RateLimitError } from "../errors";

export interface FreeModelLimits {
  perMinute: number;
  perDay: number;
}

/**
 * Free-model request limits per account: a sliding minute and a UTC day.
 * Counted in this process's memory, so with several instances each counts
 * its own share; a shared counter replaces this when billing moves to the
 * database-backed limiter.
 */
export interface FreeModelLimiter {
  /** Counts one request for the user or throws a RateLimitError (429) with the wait. */
  take(userId: string): Promise<void>;
}

export function createFreeModelLimiter(limits: FreeModelLimits, now: () => number = Date.now): FreeModelLimiter {
  const minuteWindows = new Map<string, number[]>();
  const dayCounts = new Map<string, { day: number; count: number }>();

  return {
    async take(userId) {
      const time = now();
      const day = Math.floor(time / 86_400_000);
      const daily = dayCounts.get(userId);
      const dayCount = daily && daily.day === day ? daily.count : 0;
      if (dayCount >= limits.perDay) {
        const retryAfter = Math.ceil(((day + 1) * 86_400_000 - time) / 1000);
        throw new RateLimitError(`Free-model daily limit of ${limits.perDay} requests reached. Try again tomorrow (UTC) or use a paid model.`, retryAfter);
      }
      const recent = (minuteWindows.get(userId) ?? []).filter((stamp) => time - stamp < 60_000);
      if (recent.length >= limits.perMinute) {
        const oldest = recent[0] ?? time;
        const retryAfter = Math.max(1, Math.ceil((oldest + 60_000 - time) / 1000));
        minuteWindows.set(userId, recent);
        throw new RateLimitError(`Free-model limit of ${limits.perMinute} requests per minute reached. Retry in ${retryAfter} s.`, retryAfter);
      }
      recent.push(time);
      minuteWindows.set(userId, recent);
      dayCounts.set(userId, { day, count: dayCount + 1 });
    },
  };
}
