import "server-only";
import { RateLimitError } from "../gateway/errors";
import type { FreeModelLimiter } from "../gateway/rate-limit/free-model-limiter";
import { getPrisma, type PrismaClient } from "./client";
import { getCreditSummary } from "./credit-ledger";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Accounts that have bought this much get the higher daily limit (OpenRouter's rule: $10). */
export const PURCHASED_THRESHOLD_MICROS = 10_000_000n;

export interface FreeModelCounterLimits {
  perMinute: number;
  perDay: number;
  /** The daily limit once an account has bought PURCHASED_THRESHOLD_MICROS of credits. */
  perDayPurchased: number;
}

/**
 * Free-model limits counted in the database, so every instance counts into
 * the same numbers: a fixed UTC minute and a UTC day per account (all of an
 * account's keys share them). A counter is raised only while it is under its
 * limit, so refused requests do not use up the day.
 */
export function createDatabaseFreeModelLimiter(options: {
  /** The limits, or a way to read the current ones (an admin may change them in the app). */
  limits: FreeModelCounterLimits | (() => Promise<FreeModelCounterLimits>);
  prisma?: PrismaClient;
  now?: () => number;
}): FreeModelLimiter & {
  pruneExpired(): Promise<number>;
} {
  const prisma = options.prisma ?? getPrisma();
  const now = options.now ?? Date.now;
  const currentLimits = typeof options.limits === "function" ? options.limits : () => Promise.resolve(options.limits as FreeModelCounterLimits);

  /** Raises the counter if it is under `limit`; false when it is at the limit. */
  async function take(key: string, limit: number, expiresAt: Date): Promise<boolean> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const { count } = await prisma.rateLimitCounter.updateMany({ where: { key, count: { lt: limit } }, data: { count: { increment: 1 } } });
      if (count === 1) return true;
      const existing = await prisma.rateLimitCounter.findUnique({ where: { key }, select: { count: true } });
      if (existing && existing.count >= limit) return false;
      // Created by another request since the update looked: count into it.
      if (existing) continue;
      try {
        await prisma.rateLimitCounter.create({ data: { key, count: 1, expiresAt } });
        return true;
      } catch (error) {
        // Another request created it first: count into it.
        if (!isUniqueViolation(error)) throw error;
      }
    }
    return false;
  }

  async function giveBack(key: string): Promise<void> {
    await prisma.rateLimitCounter.updateMany({ where: { key, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
  }

  return {
    async take(userId) {
      const time = now();
      const day = Math.floor(time / DAY_MS);
      const minute = Math.floor(time / MINUTE_MS);
      const [{ purchasedMicros }, limits] = await Promise.all([getCreditSummary({ prisma, userId }), currentLimits()]);
      const perDay = purchasedMicros >= PURCHASED_THRESHOLD_MICROS ? limits.perDayPurchased : limits.perDay;

      // The minute first: it is the limit most requests meet, and a counter
      // taken then given back by a refused request is briefly one too high,
      // so taking the day first would refuse a burst with "daily limit" when
      // only the minute is full.
      const minuteKey = `free:minute:${userId}:${minute}`;
      if (!(await take(minuteKey, limits.perMinute, new Date((minute + 2) * MINUTE_MS)))) {
        const retryAfter = Math.max(1, Math.ceil(((minute + 1) * MINUTE_MS - time) / 1000));
        throw new RateLimitError(`Free-model limit of ${limits.perMinute} requests per minute reached. Retry in ${retryAfter} s.`, retryAfter);
      }
      if (!(await take(`free:day:${userId}:${day}`, perDay, new Date((day + 1) * DAY_MS)))) {
        await giveBack(minuteKey);
        const retryAfter = Math.ceil(((day + 1) * DAY_MS - time) / 1000);
        throw new RateLimitError(`Free-model daily limit of ${perDay} requests reached. Try again tomorrow (UTC) or use a paid model.`, retryAfter);
      }
    },

    async pruneExpired() {
      const { count } = await prisma.rateLimitCounter.deleteMany({ where: { expiresAt: { lt: new Date(now()) } } });
      return count;
    },
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
