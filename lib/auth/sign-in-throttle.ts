import "server-only";
import { createHash } from "node:crypto";
import { getPrisma, type PrismaClient } from "../db/client";
import { env } from "../env";
import { rateLimitSubject } from "../http/client-address";

/**
 * Limits on password guessing and mass sign-ups, counted in fixed windows
 * in the database (RateLimitCounter), so across all instances: per email,
 * so one account cannot be guessed at, and per client address, so one
 * address cannot spray guesses over many accounts or open account after
 * account. Addresses come from lib/http/client-address.ts.
 */

/** Failed password sign-ins allowed per email in one window... */
export const MAX_FAILED_SIGN_INS = 10;
/** ...of this long; failures from one address across all emails are counted in the same windows. */
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILED_SIGN_INS_PER_ADDRESS = env.SIGN_IN_FAILURES_PER_IP;
export const MAX_SIGN_UPS_PER_ADDRESS = env.SIGN_UPS_PER_IP_PER_HOUR;
export const SIGN_UP_WINDOW_MS = 60 * 60_000;

interface Limit {
  /** Starts the counter's key; "signin" keeps the per-email keys written before there were others. */
  name: "signin" | "signin-ip" | "signup-ip";
  max: number;
  windowMs: number;
}

const perEmail: Limit = { name: "signin", max: MAX_FAILED_SIGN_INS, windowMs: SIGN_IN_WINDOW_MS };
const signInsPerAddress: Limit = { name: "signin-ip", max: MAX_FAILED_SIGN_INS_PER_ADDRESS, windowMs: SIGN_IN_WINDOW_MS };
const signUpsPerAddress: Limit = { name: "signup-ip", max: MAX_SIGN_UPS_PER_ADDRESS, windowMs: SIGN_UP_WINDOW_MS };

function counterKey(limit: Limit, subject: string, now: number): { key: string; expiresAt: Date } {
  const window = Math.floor(now / limit.windowMs);
  // Hashed: the counter table need not hold emails or addresses in the clear.
  const digest = createHash("sha256").update(subject).digest("hex").slice(0, 32);
  return { key: `${limit.name}:${digest}:${window}`, expiresAt: new Date((window + 1) * limit.windowMs) };
}

/** The counters one sign-in attempt is judged by: its email's, and its address's when known. */
function signInCounters(input: { email: string; clientAddress?: string | undefined }, now: number) {
  const counters = [{ limit: perEmail, ...counterKey(perEmail, input.email.trim().toLowerCase(), now) }];
  if (input.clientAddress) counters.push({ limit: signInsPerAddress, ...counterKey(signInsPerAddress, rateLimitSubject(input.clientAddress), now) });
  return counters;
}

/**
 * True once the email has had MAX_FAILED_SIGN_INS failed attempts this
 * window, or the address MAX_FAILED_SIGN_INS_PER_ADDRESS: further ones are
 * refused unchecked.
 */
export async function isSignInThrottled(input: { email: string; clientAddress?: string | undefined; prisma?: PrismaClient; now?: number }): Promise<boolean> {
  const prisma = input.prisma ?? getPrisma();
  const counters = signInCounters(input, input.now ?? Date.now());
  const rows = await prisma.rateLimitCounter.findMany({ where: { key: { in: counters.map((counter) => counter.key) } }, select: { key: true, count: true } });
  const counts = new Map(rows.map((row) => [row.key, row.count]));
  return counters.some((counter) => (counts.get(counter.key) ?? 0) >= counter.limit.max);
}

/** Counts a failed sign-in against its email and its address. */
export async function recordFailedSignIn(input: { email: string; clientAddress?: string | undefined; prisma?: PrismaClient; now?: number }): Promise<void> {
  const prisma = input.prisma ?? getPrisma();
  await Promise.all(signInCounters(input, input.now ?? Date.now()).map((counter) => increment(prisma, counter)));
}

/**
 * Counts a sign-up attempt from an address and says whether it is within
 * MAX_SIGN_UPS_PER_ADDRESS this hour. Counted first, then compared, so
 * attempts at the same moment cannot all slip in under the limit. An
 * unknown address (a server not started by `npm start`) is not limited.
 */
export async function admitSignUp(input: { clientAddress: string | undefined; prisma?: PrismaClient; now?: number }): Promise<boolean> {
  if (!input.clientAddress) return true;
  const prisma = input.prisma ?? getPrisma();
  const counter = counterKey(signUpsPerAddress, rateLimitSubject(input.clientAddress), input.now ?? Date.now());
  return (await increment(prisma, counter)) <= signUpsPerAddress.max;
}

/** Adds one to a counter and returns its new count. */
async function increment(prisma: PrismaClient, counter: { key: string; expiresAt: Date }): Promise<number> {
  const { key, expiresAt } = counter;
  for (let attempt = 0; ; attempt++) {
    try {
      const row = await prisma.rateLimitCounter.upsert({ where: { key }, create: { key, count: 1, expiresAt }, update: { count: { increment: 1 } }, select: { count: true } });
      return row.count;
    } catch (error) {
      // Two first attempts at once: the other created the row; count into it.
      if ((error as { code?: unknown }).code !== "P2002" || attempt === 2) throw error;
    }
  }
}
