import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ActivityRangeError, bucketStart, getActivity, NO_KEY_LABEL } from "./activity-queries";
import { createPrismaClient, type PrismaClient } from "./client";
import { applyMigrations } from "./migrate";
import { createScratchPostgres, createScratchSqlite, type ScratchDatabase } from "./test-databases";

const testPostgresUrl = process.env.TEST_POSTGRES_URL;
const at = (iso: string) => new Date(iso);

function describeOn(name: string, options: { enabled: boolean; createDatabase: () => Promise<ScratchDatabase> }) {
  describe.runIf(options.enabled)(`activity queries on ${name}`, () => {
    let database: ScratchDatabase;
    let prisma: PrismaClient;
    let alice: string;
    let mallory: string;
    let keyId: string;
    let count = 0;

    beforeEach(async () => {
      database = await options.createDatabase();
      await applyMigrations({ databaseUrl: database.url });
      prisma = createPrismaClient({ databaseUrl: database.url });
      alice = (await prisma.user.create({ data: { email: "alice@example.com" } })).id;
      mallory = (await prisma.user.create({ data: { email: "mallory@example.com" } })).id;
      keyId = (await prisma.apiKey.create({ data: { userId: alice, name: "Production", keyHash: "hash-1", prefix: "sk-sy-1" } })).id;
    });

    afterEach(async () => {
      await prisma.$disconnect();
      await database.drop();
    });

    async function record(input: { userId?: string; model?: string; provider?: string; apiKeyId?: string | null; costMicros: bigint; createdAt: Date; latencyMs?: number | null; reasoningTokens?: number }) {
      count += 1;
      await prisma.generation.create({
        data: {
          id: `gen-${String(count).padStart(4, "0")}`,
          userId: input.userId ?? alice,
          apiKeyId: input.apiKeyId ?? null,
          requestedModel: input.model ?? "acme/small",
          model: input.model ?? "acme/small",
          providerId: (input.provider ?? "Acme").toLowerCase(),
          providerName: input.provider ?? "Acme",
          providerModel: "m",
          promptTokens: 100,
          completionTokens: 40,
          reasoningTokens: input.reasoningTokens ?? 0,
          cachedTokens: 10,
          costMicros: input.costMicros,
          status: "success",
          latencyMs: input.latencyMs === undefined ? 1_000 : input.latencyMs,
          createdAt: input.createdAt,
        },
      });
    }

    it("sums spend, tokens and requests into hourly buckets and breakdowns, for the user alone and inside [from, to)", async () => {
      await record({ costMicros: 1_500n, createdAt: at("2026-03-18T10:05:00Z"), apiKeyId: keyId, reasoningTokens: 5 });
      await record({ costMicros: 2_500n, createdAt: at("2026-03-18T10:59:59.999Z"), model: "acme/large", latencyMs: 3_000 });
      await record({ costMicros: 7n, createdAt: at("2026-03-18T12:00:00Z"), provider: "Beta", latencyMs: null });
      // Outside the range on both sides, and another user's.
      await record({ costMicros: 1_000_000n, createdAt: at("2026-03-18T09:59:59.999Z") });
      await record({ costMicros: 1_000_000n, createdAt: at("2026-03-18T13:00:00Z") });
      await record({ userId: mallory, costMicros: 1_000_000n, createdAt: at("2026-03-18T10:30:00Z") });
      // A spend beyond 2^53 micro-dollars stays exact.
      await record({ costMicros: 9_007_199_254_740_993n, createdAt: at("2026-03-18T11:30:00Z"), model: "acme/huge" });

      const activity = await getActivity({ userId: alice, from: at("2026-03-18T10:00:00Z"), to: at("2026-03-18T13:00:00Z"), granularity: "hour", prisma, pageSize: 2 });

      expect(activity.totals).toMatchObject({ spendMicros: 9_007_199_254_745_000n, requests: 4, promptTokens: 400, completionTokens: 160, reasoningTokens: 5, cachedTokens: 40, latencyMsTotal: 5_000, latencyCount: 3 });
      expect(activity.buckets.map((bucket) => bucket.start.toISOString())).toEqual(["2026-03-18T10:00:00.000Z", "2026-03-18T11:00:00.000Z", "2026-03-18T12:00:00.000Z"]);
      expect(activity.buckets.map((bucket) => bucket.totals.requests)).toEqual([2, 1, 1]);
      expect(activity.buckets[0]?.totals.spendMicros).toBe(4_000n);
      expect(activity.buckets[0]?.byModel["acme/small"]?.spendMicros).toBe(1_500n);
      expect(activity.buckets[0]?.byModel["acme/large"]?.spendMicros).toBe(2_500n);
      expect(activity.buckets[2]?.byProvider.Beta?.requests).toBe(1);

      expect(activity.byModel.map((group) => [group.id, group.spendMicros, group.requests])).toEqual([
        ["acme/huge", 9_007_199_254_740_993n, 1],
        ["acme/large", 2_500n, 1],
        ["acme/small", 1_507n, 2],
      ]);
      expect(activity.byProvider.map((group) => [group.label, group.requests])).toEqual([["Acme", 3], ["Beta", 1]]);
      expect(activity.byApiKey.map((group) => [group.label, group.spendMicros])).toEqual([
        [NO_KEY_LABEL, 9_007_199_254_743_500n],
        ["Production", 1_500n],
      ]);
    });

    it("starts days at the caller's midnight and fills empty days with zeros", async () => {
      // 23:30 UTC on the 17th is 01:30 on the 18th two hours east of UTC.
      await record({ costMicros: 10n, createdAt: at("2026-03-17T23:30:00Z") });
      const activity = await getActivity({ userId: alice, from: at("2026-03-16T22:00:00Z"), to: at("2026-03-19T22:00:00Z"), granularity: "day", offsetMinutes: 120, prisma });
      expect(activity.buckets.map((bucket) => [bucket.start.toISOString(), bucket.totals.requests])).toEqual([
        ["2026-03-16T22:00:00.000Z", 0],
        ["2026-03-17T22:00:00.000Z", 1],
        ["2026-03-18T22:00:00.000Z", 0],
      ]);
    });

    it("reports no usage as zeros, not as missing", async () => {
      const activity = await getActivity({ userId: alice, from: at("2026-03-18T00:00:00Z"), to: at("2026-03-19T00:00:00Z"), granularity: "hour", prisma });
      expect(activity.totals.requests).toBe(0);
      expect(activity.totals.spendMicros).toBe(0n);
      expect(activity.buckets).toHaveLength(24);
      expect(activity.byModel).toEqual([]);
    });

    it("refuses an empty range and one with too many buckets", async () => {
      await expect(getActivity({ userId: alice, from: at("2026-03-18T00:00:00Z"), to: at("2026-03-18T00:00:00Z"), granularity: "hour", prisma })).rejects.toThrow(ActivityRangeError);
      await expect(getActivity({ userId: alice, from: at("2025-01-01T00:00:00Z"), to: at("2026-03-18T00:00:00Z"), granularity: "hour", prisma })).rejects.toThrow(ActivityRangeError);
    });
  });
}

describeOn("SQLite", { enabled: true, createDatabase: async () => createScratchSqlite() });
describeOn("PostgreSQL", { enabled: Boolean(testPostgresUrl), createDatabase: () => createScratchPostgres(testPostgresUrl ?? "") });

describe("bucketStart", () => {
  it("floors to the hour or to local midnight, west of UTC too", () => {
    expect(bucketStart({ time: at("2026-03-18T10:59:00Z"), granularity: "hour", offsetMinutes: 0 }).toISOString()).toBe("2026-03-18T10:00:00.000Z");
    // New York in March (UTC-4): 02:00 UTC on the 18th is still the 17th there.
    expect(bucketStart({ time: at("2026-03-18T02:00:00Z"), granularity: "day", offsetMinutes: -240 }).toISOString()).toBe("2026-03-17T04:00:00.000Z");
    // India (UTC+5:30): hours start at half past in UTC.
    expect(bucketStart({ time: at("2026-03-18T10:20:00Z"), granularity: "hour", offsetMinutes: 330 }).toISOString()).toBe("2026-03-18T09:30:00.000Z");
  });
});
