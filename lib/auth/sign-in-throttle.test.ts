import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "../db/client";
import { applyMigrations } from "../db/migrate";
import { createScratchSqlite, type ScratchDatabase } from "../db/test-databases";
import {
  admitSignUp,
  isSignInThrottled,
  MAX_FAILED_SIGN_INS,
  MAX_FAILED_SIGN_INS_PER_ADDRESS,
  MAX_SIGN_UPS_PER_ADDRESS,
  recordFailedSignIn,
  SIGN_IN_WINDOW_MS,
  SIGN_UP_WINDOW_MS,
} from "./sign-in-throttle";

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

  it("refuses every sign-in from an address after its failures across many emails reach the limit, and not from others", async () => {
    expect(MAX_FAILED_SIGN_INS_PER_ADDRESS).toBe(50);
    const sprayer = "198.51.100.7";
    // Each email stays far below its own limit; the address does not.
    for (let batch = 0; batch < MAX_FAILED_SIGN_INS_PER_ADDRESS / 10; batch++) {
      await Promise.all(Array.from({ length: 10 }, (_, index) => recordFailedSignIn({ email: `user-${batch}-${index}@example.com`, clientAddress: sprayer, prisma, now: start })));
    }
    expect(await isSignInThrottled({ email: "user-0-0@example.com", prisma, now: start })).toBe(false);
    expect(await isSignInThrottled({ email: "anyone@example.com", clientAddress: sprayer, prisma, now: start })).toBe(true);
    expect(await isSignInThrottled({ email: "anyone@example.com", clientAddress: "198.51.100.8", prisma, now: start })).toBe(false);
    expect(await isSignInThrottled({ email: "anyone@example.com", clientAddress: sprayer, prisma, now: start + SIGN_IN_WINDOW_MS })).toBe(false);
    // Failures from unknown addresses count for the email alone.
    await recordFailedSignIn({ email: "solo@example.com", prisma, now: start });
    expect((await prisma.rateLimitCounter.findMany()).every((row) => !row.key.includes("198.51"))).toBe(true);
  });

  it("counts an IPv6 client by its /64, so stepping through its addresses does not help", async () => {
    for (let index = 0; index < MAX_FAILED_SIGN_INS_PER_ADDRESS; index++) {
      await recordFailedSignIn({ email: `v6-${index}@example.com`, clientAddress: `2001:db8:7:7::${index.toString(16)}`, prisma, now: start });
    }
    expect(await isSignInThrottled({ email: "new@example.com", clientAddress: "2001:db8:7:7:ffff::1", prisma, now: start })).toBe(true);
    expect(await isSignInThrottled({ email: "new@example.com", clientAddress: "2001:db8:7:8::1", prisma, now: start })).toBe(false);
  });

  it("admits sign-ups from an address up to the hourly limit, even all at once, then none until the next hour", async () => {
    expect(MAX_SIGN_UPS_PER_ADDRESS).toBe(20);
    const answers = await Promise.all(Array.from({ length: MAX_SIGN_UPS_PER_ADDRESS + 5 }, () => admitSignUp({ clientAddress: "203.0.113.5", prisma, now: start })));
    expect(answers.filter(Boolean)).toHaveLength(MAX_SIGN_UPS_PER_ADDRESS);
    expect(await admitSignUp({ clientAddress: "203.0.113.6", prisma, now: start })).toBe(true);
    expect(await admitSignUp({ clientAddress: "203.0.113.5", prisma, now: start + SIGN_UP_WINDOW_MS })).toBe(true);
    expect(await admitSignUp({ clientAddress: undefined, prisma, now: start })).toBe(true);
  });
});
