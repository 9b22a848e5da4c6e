import "server-only";
import { createHash } from "node:crypto";
import { getPrisma, type PrismaClient } from "../db/client";

/** Failed password sign-ins allowed per email in one window... */
export const MAX_FAILED_SIGN_INS = 10;
/** ...of this long (fixed windows, counted in the database, so across all instances). */
export const SIGN_IN_WINDOW_MS = 15 * 60_000;

function counterKey(email: string, now: number): { key: string; expiresAt: Date } {
  const window = Math.floor(now / SIGN_IN_WINDOW_MS);
  // Hashed: the counter table need not hold addresses in the clear.
  const digest = createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 32);
  return { key: `signin:${digest}:${window}`, expiresAt: new Date((window + 1) * SIGN_IN_WINDOW_MS) };
}

/** True once an email has had MAX_FAILED_SIGN_INS failed attempts this window: further ones are refused unchecked. */
export async function isSignInThrottled(input: { email: string; prisma?: PrismaClient; now?: number }): Promise<boolean> {
  const prisma = input.prisma ?? getPrisma();
  const { key } = counterKey(input.email, input.now ?? Date.now());
  const counter = await prisma.rateLimitCounter.findUnique({ where: { key }, select: { count: true } });
  return (counter?.count ?? 0) >= MAX_FAILED_SIGN_INS;
}

export async function recordFailedSignIn(input: { email: string; prisma?: PrismaClient; now?: number }): Promise<void> {
  const prisma = input.prisma ?? getPrisma();
  const { key, expiresAt } = counterKey(input.email, input.now ?? Date.now());
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await prisma.rateLimitCounter.upsert({ where: { key }, create: { key, count: 1, expiresAt }, update: { count: { increment: 1 } } });
      return;
    } catch (error) {
      // Two first failures at once: the other created the row; count into it.
      if ((error as { code?: unknown }).code !== "P2002") throw error;
    }
  }
}
