import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createEndpointHealth, type EndpointHealthReport } from "../gateway/routing/endpoint-health";
import { shareEndpointHealth } from "../gateway/routing/share-endpoint-health";
import { createPrismaClient, type PrismaClient } from "./client";
import {
  createPrismaEndpointHealthReportStore,
  findFreshEndpointHealthReports,
  publishEndpointHealthReports,
  pruneEndpointHealthReports,
} from "./endpoint-health-reports";
import { applyMigrations } from "./migrate";
import { createScratchPostgres, createScratchSqlite, type ScratchDatabase } from "./test-databases";

const testPostgresUrl = process.env.TEST_POSTGRES_URL;
const key = "groq/vendor/model";

function report(overrides: Partial<EndpointHealthReport> = {}): EndpointHealthReport {
  return {
    key,
    state: "closed",
    cooldownUntil: null,
    requests: 3,
    failures: 1,
    uptime: 0.75,
    timeToFirstTokenMs: 212.5,
    tokensPerSecond: 88.25,
    lastFailureAt: 1_700_000_000_123,
    ...overrides,
  };
}

function describeOn(name: string, options: { enabled: boolean; createDatabase: () => Promise<ScratchDatabase> }) {
  const { enabled, createDatabase } = options;
  describe.runIf(enabled)(`endpoint health reports on ${name}`, () => {
    let database: ScratchDatabase;
    // Two clients, as two app instances would have.
    let prisma: PrismaClient;
    let otherPrisma: PrismaClient;

    beforeEach(async () => {
      database = await createDatabase();
      await applyMigrations({ databaseUrl: database.url });
      prisma = createPrismaClient({ databaseUrl: database.url });
      otherPrisma = createPrismaClient({ databaseUrl: database.url });
    });

    afterEach(async () => {
      await prisma.$disconnect();
      await otherPrisma.$disconnect();
      await database.drop();
    });

    it("stores reports, replaces them on republish and reads back other instances' fresh ones", async () => {
      const now = Date.now();
      await publishEndpointHealthReports({ instanceId: "first", reports: [report()], updatedAt: now - 1_000, prisma });
      await publishEndpointHealthReports({
        instanceId: "first",
        reports: [report({ state: "open", cooldownUntil: now + 30_000, requests: 5, failures: 5 }), report({ key: "other/vendor/model", lastFailureAt: null, timeToFirstTokenMs: null, tokensPerSecond: null })],
        updatedAt: now,
        prisma,
      });
      await publishEndpointHealthReports({ instanceId: "second", reports: [report({ requests: 9 })], updatedAt: now, prisma: otherPrisma });
      await publishEndpointHealthReports({ instanceId: "gone", reports: [report()], updatedAt: now - 60_000, prisma: otherPrisma });

      const seenBySecond = await findFreshEndpointHealthReports({ excludeInstanceId: "second", updatedSince: now - 30_000, prisma: otherPrisma });
      expect(seenBySecond.sort((left, right) => left.key.localeCompare(right.key))).toEqual([
        { instanceId: "first", ...report({ state: "open", cooldownUntil: now + 30_000, requests: 5, failures: 5 }), updatedAt: now },
        {
          instanceId: "first",
          ...report({ key: "other/vendor/model", lastFailureAt: null, timeToFirstTokenMs: null, tokensPerSecond: null }),
          updatedAt: now,
        },
      ]);

      expect(await pruneEndpointHealthReports({ updatedBefore: now - 30_000, prisma })).toBe(1);
      expect(await prisma.endpointHealthReport.count()).toBe(3);
    });

    it("skips a row it cannot read instead of failing the round", async () => {
      const now = Date.now();
      await publishEndpointHealthReports({ instanceId: "first", reports: [report(), report({ key: "other/vendor/model" })], updatedAt: now, prisma });
      await prisma.endpointHealthReport.update({
        where: { instanceId_endpointKey: { instanceId: "first", endpointKey: key } },
        data: { state: "melting" },
      });
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      try {
        const reports = await findFreshEndpointHealthReports({ excludeInstanceId: "second", updatedSince: now - 30_000, prisma });
        expect(reports.map((read) => read.key)).toEqual(["other/vendor/model"]);
        expect(warn).toHaveBeenCalledWith(expect.stringContaining(`unreadable report for ${key} from instance first`));
      } finally {
        warn.mockRestore();
      }
    });

    it("lets two instances see each other's open breaker after a round", async () => {
      const first = createEndpointHealth({ consecutiveFailureLimit: 2 });
      const second = createEndpointHealth({ consecutiveFailureLimit: 2 });
      const firstSharing = shareEndpointHealth({
        health: first,
        store: createPrismaEndpointHealthReportStore({ prisma }),
        instanceId: "first",
        start: false,
      });
      const secondSharing = shareEndpointHealth({
        health: second,
        store: createPrismaEndpointHealthReportStore({ prisma: otherPrisma }),
        instanceId: "second",
        start: false,
      });
      try {
        second.recordSuccess(key, { timeToFirstTokenMs: 150 });
        first.recordFailure(key);
        first.recordFailure(key);
        const cooldownUntil = first.stats(key)?.cooldownUntil;
        expect(first.canAttempt(key)).toBe(false);
        expect(second.canAttempt(key)).toBe(true);

        await firstSharing.syncNow();
        await secondSharing.syncNow();
        await firstSharing.syncNow();

        expect(second.canAttempt(key)).toBe(false);
        expect(second.stats(key)).toMatchObject({ state: "open", cooldownUntil, requests: 3, failures: 2, timeToFirstTokenMs: 150 });
        expect(first.stats(key)).toMatchObject({ state: "open", requests: 3, failures: 2, timeToFirstTokenMs: 150 });
        expect(await prisma.endpointHealthReport.count()).toBe(2);
      } finally {
        await firstSharing.stop();
        await secondSharing.stop();
      }
    });
  });
}

describeOn("SQLite", { enabled: true, createDatabase: async () => createScratchSqlite() });
describeOn("PostgreSQL", { enabled: testPostgresUrl !== undefined, createDatabase: () => createScratchPostgres(testPostgresUrl ?? "") });
