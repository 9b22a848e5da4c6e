import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "../db/client";
import { applyMigrations } from "../db/migrate";
import { createScratchSqlite, type ScratchDatabase } from "../db/test-databases";
import { isSignInThrottled, MAX_FAILED_SIGN_INS, recordFailedSignIn, SIGN_IN_WINDOW_MS } from "./sign-in-throttle";

describe("sign-in throttle", () => {
  let database: ScratchDatabase;
  let prisma: PrismaClient;
  const start = Date.UTC(2026, 10, 25, 10, 0, 0);

  beforeEach(async () => {
    database = await createScratchSqlite();
    await applyMigrations({ databaseUrl: database.url });
    prisma = createPrismaClient({ databaseUrl: database.url });
  });

  afterEach(async () => {
    await prisma.$disconnect();
    await database.drop();
  });

  it("refuses an email after ten failures in a window, whatever its case, and not others or the next window", async () => {
    await Promise.all(Array.from({ length: MAX_FAILED_SIGN_INS - 1 }, () => recordFailedSignIn({ email: "Victim@Example.com", prisma, now: start })));
    expect(await isSignInThrottled({ email: "victim@example.com", prisma, now: start })).toBe(false);
    await recordFailedSignIn({ email: " victim@example.com ", prisma, now: start + 1000 });
    expect(await isSignInThrottled({ email: "VICTIM@example.com", prisma, now: start + 2000 })).toBe(true);
    expect(await isSignInThrottled({ email: "someone@example.com", prisma, now: start + 2000 })).toBe(false);
    expect(await isSignInThrottled({ email: "victim@example.com", prisma, now: start + SIGN_IN_WINDOW_MS })).toBe(false);
    // The counter does not hold the address itself.
    expect((await prisma.rateLimitCounter.findMany()).every((row) => !row.key.includes("victim"))).toBe(true);
  });
});
