import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RateLimitError } from "../gateway/errors";
import { createPrismaClient, type PrismaClient } from "./client";
import { appendLedgerEntry } from "./credit-ledger";
import { createDatabaseFreeModelLimiter } from "./free-model-counters";
import { applyMigrations } from "./migrate";
import { createScratchPostgres, createScratchSqlite, type ScratchDatabase } from "./test-databases";

const testPostgresUrl = process.env.TEST_POSTGRES_URL;
// 10:00:30 UTC on some day: half a minute left in the minute.
const noon = Date.UTC(2026, 10, 24, 10, 0, 30);

function describeOn(name: string, options: { enabled: boolean; createDatabase: () => Promise<ScratchDatabase>; instances: 1 | 2 }) {
  describe.runIf(options.enabled)(`free-model counters on ${name}`, () => {
    let database: ScratchDatabase;
    let prisma: PrismaClient;
    let otherPrisma: PrismaClient;
    let userId: string;
    let time = noon;

    beforeEach(async () => {
      time = noon;
      database = await options.createDatabase();
      await applyMigrations({ databaseUrl: database.url });
      prisma = createPrismaClient({ databaseUrl: database.url });
      otherPrisma = options.instances === 2 ? createPrismaClient({ databaseUrl: database.url }) : prisma;
      userId = (await prisma.user.create({ data: { email: "free@example.com" } })).id;
    });

    afterEach(async () => {
      await prisma.$disconnect();
      if (otherPrisma !== prisma) await otherPrisma.$disconnect();
      await database.drop();
    });

    const limiters = (limits = { perMinute: 5, perDay: 8, perDayPurchased: 12 }) => [
      createDatabaseFreeModelLimiter({ limits, prisma, now: () => time }),
      createDatabaseFreeModelLimiter({ limits, prisma: otherPrisma, now: () => time }),
    ];

    it(`holds the per-minute limit across ${options.instances} instance(s) under concurrency, with Retry-After to the next minute`, async () => {
      const [one, two] = limiters();
      const results = await Promise.allSettled(Array.from({ length: 12 }, (_, index) => (index % 2 ? one! : two!).take(userId)));
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(5);
      // Every refusal is the minute's, never the day's (8 here, not reached).
      const refusals = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
      expect(refusals).toHaveLength(7);
      for (const refusal of refusals) {
        expect(refusal).toBeInstanceOf(RateLimitError);
        expect((refusal as RateLimitError).retryAfterSeconds).toBe(30);
      }
    });

    it("holds the daily limit, and refused requests do not use up the day", async () => {
      const [one, two] = limiters();
      for (let minute = 0; minute < 4; minute++) {
        time = noon + minute * 60_000;
        await Promise.allSettled(Array.from({ length: 4 }, (_, index) => (index % 2 ? one! : two!).take(userId)));
      }
      time = noon + 10 * 60_000;
      await expect(one!.take(userId)).rejects.toThrow(/daily limit of 8/);
      // The next UTC day starts afresh.
      time = noon + 86_400_000;
      await expect(one!.take(userId)).resolves.toBeUndefined();
    });

    it("gives accounts that bought credits the higher daily limit", async () => {
      await prisma.$transaction((transaction) => appendLedgerEntry(transaction, { userId, amountMicros: 10_000_000n, kind: "purchase", externalId: "cs_test" }));
      const [one] = limiters({ perMinute: 100, perDay: 2, perDayPurchased: 3 });
      await one!.take(userId);
      await one!.take(userId);
      await one!.take(userId);
      await expect(one!.take(userId)).rejects.toThrow(/daily limit of 3/);
    });

    it("prunes counters whose window has passed", async () => {
      const [one] = limiters();
      await one!.take(userId);
      time = noon + 2 * 86_400_000;
      expect(await one!.pruneExpired()).toBe(2);
    });
  });
}

describeOn("SQLite", { enabled: true, createDatabase: async () => createScratchSqlite(), instances: 1 });
describeOn("PostgreSQL", { enabled: testPostgresUrl !== undefined, createDatabase: () => createScratchPostgres(testPostgresUrl ?? ""), instances: 2 });
