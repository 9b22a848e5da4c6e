import { afterEach, beforeEach, describe, expect } from "vitest";
import { createPrismaClient, type PrismaClient } from "../db/client";
import { auditLedger } from "../db/credit-ledger";
import { applyMigrations } from "../db/migrate";
import { createScratchPostgres, createScratchSqlite, type ScratchDatabase } from "../db/test-databases";

const testPostgresUrl = process.env.TEST_POSTGRES_URL;

export interface BillingTestContext {
  prisma: PrismaClient;
  createUser(email: string): Promise<string>;
}

/**
 * For billing tests: runs the suite on a fresh SQLite database, and on
 * PostgreSQL too when TEST_POSTGRES_URL is set, and checks after every test
 * that the books balance (each balance equals the sum of its ledger).
 */
export function describeOnDatabases(name: string, suite: (context: BillingTestContext) => void): void {
  const databases = [
    { label: "SQLite", enabled: true, create: async () => createScratchSqlite() },
    { label: "PostgreSQL", enabled: testPostgresUrl !== undefined, create: () => createScratchPostgres(testPostgresUrl ?? "") },
  ];
  for (const database of databases) {
    describe.runIf(database.enabled)(`${name} on ${database.label}`, () => {
      let scratch: ScratchDatabase;
      let prisma: PrismaClient;
      const context: BillingTestContext = {
        get prisma() {
          return prisma;
        },
        async createUser(email) {
          const user = await prisma.user.create({ data: { email }, select: { id: true } });
          return user.id;
        },
      };

      beforeEach(async () => {
        scratch = await database.create();
        await applyMigrations({ databaseUrl: scratch.url });
        prisma = createPrismaClient({ databaseUrl: scratch.url });
      });

      afterEach(async () => {
        try {
          expect(await auditLedger({ prisma })).toEqual([]);
        } finally {
          await prisma.$disconnect();
          await scratch.drop();
        }
      });

      suite(context);
    });
  }
}
