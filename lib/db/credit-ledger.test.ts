import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "./client";
import { appendLedgerEntry, getCreditTotals, type LedgerEntryInput } from "./credit-ledger";
import { applyMigrations } from "./migrate";
import { createScratchPostgres, createScratchSqlite, type ScratchDatabase } from "./test-databases";

const testPostgresUrl = process.env.TEST_POSTGRES_URL;

function describeOn(name: string, options: { enabled: boolean; createDatabase: () => Promise<ScratchDatabase> }) {
  describe.runIf(options.enabled)(`credit totals on ${name}`, () => {
    let database: ScratchDatabase;
    let prisma: PrismaClient;
    let alice: string;
    let bob: string;

    beforeEach(async () => {
      database = await options.createDatabase();
      await applyMigrations({ databaseUrl: database.url });
      prisma = createPrismaClient({ databaseUrl: database.url });
      alice = (await prisma.user.create({ data: { email: "alice@example.com" } })).id;
      bob = (await prisma.user.create({ data: { email: "bob@example.com" } })).id;
    });

    afterEach(async () => {
      await prisma.$disconnect();
      await database.drop();
    });

    const append = (entry: LedgerEntryInput) => prisma.$transaction((transaction) => appendLedgerEntry(transaction, entry));

    it("counts grants, purchases and redeemed codes less refunds as credits, and generation debits as usage", async () => {
      await append({ userId: alice, amountMicros: 10_000_000n, kind: "purchase", externalId: "cs_1" });
      await append({ userId: alice, amountMicros: 2_000_000n, kind: "grant" });
      await append({ userId: alice, amountMicros: 500_000n, kind: "redeem", externalId: "redeem:code:alice" });
      await append({ userId: alice, amountMicros: -3_000_000n, kind: "refund", externalId: "re_1" });
      await append({ userId: alice, amountMicros: -100_000n, kind: "adjustment" });
      await append({ userId: alice, amountMicros: -1_234_567n, kind: "generation" });
      await append({ userId: alice, amountMicros: -1n, kind: "generation" });
      await append({ userId: bob, amountMicros: 99_000_000n, kind: "grant" });
      await append({ userId: bob, amountMicros: -9_000_000n, kind: "generation" });

      const totals = await getCreditTotals({ userId: alice, prisma });
      expect(totals).toEqual({ totalCreditsMicros: 9_400_000n, totalUsageMicros: 1_234_568n });
      // What OpenRouter's clients show as the balance is the ledger's balance.
      const account = await prisma.creditAccount.findUniqueOrThrow({ where: { userId: alice } });
      expect(totals.totalCreditsMicros - totals.totalUsageMicros).toBe(account.balanceMicros);
    });

    it("is zero for an account with no ledger yet", async () => {
      expect(await getCreditTotals({ userId: alice, prisma })).toEqual({ totalCreditsMicros: 0n, totalUsageMicros: 0n });
    });
  });
}

describeOn("SQLite", { enabled: true, createDatabase: async () => createScratchSqlite() });
describeOn("PostgreSQL", { enabled: testPostgresUrl !== undefined, createDatabase: () => createScratchPostgres(testPostgresUrl ?? "") });
