import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hashApiKey } from "../auth/api-key";
import {
  ApiKeyNotFoundError,
  createApiKey,
  deleteApiKey,
  getApiKey,
  getApiKeyUsage,
  listApiKeys,
  updateApiKey,
} from "./api-key-queries";
import { createPrismaClient, type PrismaClient } from "./client";
import { applyMigrations } from "./migrate";
import { createScratchPostgres, createScratchSqlite, type ScratchDatabase } from "./test-databases";

const testPostgresUrl = process.env.TEST_POSTGRES_URL;

// Wednesday 18 March 2026, noon UTC: the week began on Monday the 16th.
const now = new Date("2026-03-18T12:00:00.000Z");
const at = (iso: string) => new Date(iso);

function describeOn(name: string, options: { enabled: boolean; createDatabase: () => Promise<ScratchDatabase> }) {
  describe.runIf(options.enabled)(`API key queries on ${name}`, () => {
    let database: ScratchDatabase;
    let prisma: PrismaClient;
    let alice: string;
    let mallory: string;
    let generationCount = 0;

    beforeEach(async () => {
      database = await options.createDatabase();
      await applyMigrations({ databaseUrl: database.url });
      prisma = createPrismaClient({ databaseUrl: database.url });
      alice = (await prisma.user.create({ data: { email: "alice@example.com" } })).id;
      mallory = (await prisma.user.create({ data: { email: "mallory@example.com" } })).id;
    });

    afterEach(async () => {
      await prisma.$disconnect();
      await database.drop();
    });

    async function recordGeneration(input: { userId: string; apiKeyId: string | null; costMicros: bigint; createdAt: Date }) {
      generationCount += 1;
      await prisma.generation.create({
        data: {
          id: `gen-${generationCount}`,
          userId: input.userId,
          apiKeyId: input.apiKeyId,
          requestedModel: "acme/model",
          model: "acme/model",
          providerId: "acme",
          providerName: "Acme",
          providerModel: "acme-1",
          costMicros: input.costMicros,
          status: "success",
          createdAt: input.createdAt,
        },
      });
    }

    it("creates a key whose secret is returned once and stored only as its hash", async () => {
      const created = await createApiKey({ userId: alice, name: "laptop", prisma, now });
      expect(created.secret).toMatch(/^sk-sy-v1-[0-9A-Za-z]{48}$/);
      expect(created.key).toEqual({
        id: expect.any(String),
        name: "laptop",
        prefix: created.secret.slice(0, 15),
        disabled: false,
        createdAt: now,
        lastUsedAt: null,
        limitMicros: null,
        limitReset: null,
        usageMicros: 0n,
        remainingMicros: null,
      });
      const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: created.key.id } });
      expect(row.keyHash).toBe(hashApiKey(created.secret));
      expect(JSON.stringify(row, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value))).not.toContain(created.secret);
    });

    it("creates a key with a limit whose counter starts at its period's start", async () => {
      const created = await createApiKey({ userId: alice, name: "ci", limitMicros: 5_000_000n, limitReset: "weekly", prisma, now });
      expect(created.key).toMatchObject({ limitMicros: 5_000_000n, limitReset: "weekly", usageMicros: 0n, remainingMicros: 5_000_000n });
      const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: created.key.id } });
      expect(row.periodStart).toEqual(at("2026-03-16T00:00:00.000Z"));
    });

    it("lists only the user's own keys, newest first, without hash or secret", async () => {
      const older = await createApiKey({ userId: alice, name: "older", prisma, now: at("2026-03-01T00:00:00.000Z") });
      const newer = await createApiKey({ userId: alice, name: "newer", prisma, now });
      await createApiKey({ userId: mallory, name: "mallory's", prisma, now });

      const keys = await listApiKeys({ userId: alice, prisma, now });
      expect(keys.map((key) => key.id)).toEqual([newer.key.id, older.key.id]);
      for (const key of keys) {
        expect(Object.keys(key).sort()).toEqual(
          ["createdAt", "disabled", "id", "lastUsedAt", "limitMicros", "limitReset", "name", "prefix", "remainingMicros", "usageMicros"].sort(),
        );
      }
      expect(await listApiKeys({ userId: "nobody", prisma, now })).toEqual([]);
    });

    it("shows the current period's usage and what the limit leaves, counting a period nobody rolled yet as nothing", async () => {
      const { key } = await createApiKey({ userId: alice, name: "daily", limitMicros: 2_000_000n, limitReset: "daily", prisma, now });
      // As the gateway leaves it after spending today.
      await prisma.apiKey.update({ where: { id: key.id }, data: { periodStart: at("2026-03-18T00:00:00.000Z"), periodUsageMicros: 1_250_000n } });
      expect(await getApiKey({ userId: alice, id: key.id, prisma, now })).toMatchObject({ usageMicros: 1_250_000n, remainingMicros: 750_000n });

      // Over the limit (a request that cost more than was left): nothing remains, never a negative amount.
      await prisma.apiKey.update({ where: { id: key.id }, data: { periodUsageMicros: 2_500_000n } });
      expect(await getApiKey({ userId: alice, id: key.id, prisma, now })).toMatchObject({ usageMicros: 2_500_000n, remainingMicros: 0n });

      // The next day, before any request rolled the counter.
      expect(await getApiKey({ userId: alice, id: key.id, prisma, now: at("2026-03-19T00:00:01.000Z") })).toMatchObject({
        usageMicros: 0n,
        remainingMicros: 2_000_000n,
      });
    });

    it("renames, disables and enables a key", async () => {
      const { key } = await createApiKey({ userId: alice, name: "old name", prisma, now });
      expect(await updateApiKey({ userId: alice, id: key.id, changes: { name: "new name", disabled: true }, prisma, now })).toMatchObject({
        name: "new name",
        disabled: true,
      });
      expect(await updateApiKey({ userId: alice, id: key.id, changes: { disabled: false }, prisma, now })).toMatchObject({
        name: "new name",
        disabled: false,
      });
      const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } });
      expect(row).toMatchObject({ name: "new name", disabled: false });
    });

    it("sets a limit on a key that had none, counting what it already spent in the period", async () => {
      const { key } = await createApiKey({ userId: alice, name: "k", prisma, now: at("2026-02-10T00:00:00.000Z") });
      await recordGeneration({ userId: alice, apiKeyId: key.id, costMicros: 400_000n, createdAt: at("2026-02-20T00:00:00.000Z") });
      await recordGeneration({ userId: alice, apiKeyId: key.id, costMicros: 300_000n, createdAt: at("2026-03-02T09:00:00.000Z") });
      await recordGeneration({ userId: alice, apiKeyId: key.id, costMicros: 200_000n, createdAt: at("2026-03-18T08:00:00.000Z") });
      // Another key's and another user's spending are not this key's.
      const other = await createApiKey({ userId: alice, name: "other", prisma, now });
      await recordGeneration({ userId: alice, apiKeyId: other.key.id, costMicros: 9_000_000n, createdAt: at("2026-03-18T08:00:00.000Z") });
      await recordGeneration({ userId: alice, apiKeyId: null, costMicros: 9_000_000n, createdAt: at("2026-03-18T08:00:00.000Z") });

      const monthly = await updateApiKey({ userId: alice, id: key.id, changes: { limitMicros: 1_000_000n, limitReset: "monthly" }, prisma, now });
      expect(monthly).toMatchObject({ limitMicros: 1_000_000n, limitReset: "monthly", usageMicros: 500_000n, remainingMicros: 500_000n });
      expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })).periodStart).toEqual(at("2026-03-01T00:00:00.000Z"));

      // Switching to daily counts only today's spending, not the month's.
      const daily = await updateApiKey({ userId: alice, id: key.id, changes: { limitReset: "daily" }, prisma, now });
      expect(daily).toMatchObject({ limitMicros: 1_000_000n, limitReset: "daily", usageMicros: 200_000n, remainingMicros: 800_000n });

      // A limit that never resets counts everything since the key was created.
      const never = await updateApiKey({ userId: alice, id: key.id, changes: { limitReset: null }, prisma, now });
      expect(never).toMatchObject({ limitReset: null, usageMicros: 900_000n, remainingMicros: 100_000n });

      // Changing only the amount keeps the counter as the gateway left it.
      await prisma.apiKey.update({ where: { id: key.id }, data: { periodUsageMicros: 950_000n } });
      expect(await updateApiKey({ userId: alice, id: key.id, changes: { limitMicros: 3_000_000n }, prisma, now })).toMatchObject({
        limitMicros: 3_000_000n,
        usageMicros: 950_000n,
        remainingMicros: 2_050_000n,
      });

      const cleared = await updateApiKey({ userId: alice, id: key.id, changes: { limitMicros: null }, prisma, now });
      expect(cleared).toMatchObject({ limitMicros: null, limitReset: null, remainingMicros: null });
    });

    it("deletes a key and keeps its generations, unlinked", async () => {
      const { key } = await createApiKey({ userId: alice, name: "doomed", prisma, now });
      await recordGeneration({ userId: alice, apiKeyId: key.id, costMicros: 10n, createdAt: now });
      await deleteApiKey({ userId: alice, id: key.id, prisma });
      expect(await listApiKeys({ userId: alice, prisma, now })).toEqual([]);
      expect(await prisma.generation.findMany({ select: { apiKeyId: true } })).toEqual([{ apiKeyId: null }]);
      await expect(deleteApiKey({ userId: alice, id: key.id, prisma })).rejects.toBeInstanceOf(ApiKeyNotFoundError);
    });

    it("treats another user's key as not found, and leaves it alone", async () => {
      const { key } = await createApiKey({ userId: mallory, name: "mallory's", limitMicros: 1n, prisma, now });
      const attempts = [
        () => getApiKey({ userId: alice, id: key.id, prisma, now }),
        () => updateApiKey({ userId: alice, id: key.id, changes: { name: "mine now", disabled: true, limitMicros: null }, prisma, now }),
        () => deleteApiKey({ userId: alice, id: key.id, prisma }),
        () => getApiKeyUsage({ userId: alice, id: key.id, prisma, now }),
      ];
      for (const attempt of attempts) {
        await expect(attempt()).rejects.toBeInstanceOf(ApiKeyNotFoundError);
      }
      await expect(getApiKey({ userId: alice, id: "missing", prisma, now })).rejects.toThrow("API key 'missing' not found.");
      expect(await getApiKey({ userId: mallory, id: key.id, prisma, now })).toMatchObject({ name: "mallory's", disabled: false, limitMicros: 1n });
    });

    it("sums a key's usage per UTC day, week (from Monday) and month from its generations", async () => {
      const { key } = await createApiKey({ userId: alice, name: "k", prisma, now: at("2026-01-01T00:00:00.000Z") });
      await recordGeneration({ userId: alice, apiKeyId: key.id, costMicros: 1n, createdAt: at("2026-02-28T23:59:59.999Z") });
      await recordGeneration({ userId: alice, apiKeyId: key.id, costMicros: 10n, createdAt: at("2026-03-01T00:00:00.000Z") });
      await recordGeneration({ userId: alice, apiKeyId: key.id, costMicros: 100n, createdAt: at("2026-03-15T23:59:59.999Z") });
      await recordGeneration({ userId: alice, apiKeyId: key.id, costMicros: 1_000n, createdAt: at("2026-03-16T00:00:00.000Z") });
      await recordGeneration({ userId: alice, apiKeyId: key.id, costMicros: 10_000n, createdAt: at("2026-03-18T00:00:00.000Z") });
      await recordGeneration({ userId: alice, apiKeyId: key.id, costMicros: 100_000n, createdAt: at("2026-03-18T11:59:00.000Z") });
      await recordGeneration({ userId: alice, apiKeyId: null, costMicros: 5_000_000n, createdAt: at("2026-03-18T11:00:00.000Z") });

      expect(await getApiKeyUsage({ userId: alice, id: key.id, prisma, now })).toEqual({
        totalMicros: 111_111n,
        dailyMicros: 110_000n,
        weeklyMicros: 111_000n,
        monthlyMicros: 111_110n,
      });
      const fresh = await createApiKey({ userId: alice, name: "unused", prisma, now });
      expect(await getApiKeyUsage({ userId: alice, id: fresh.key.id, prisma, now })).toEqual({
        totalMicros: 0n,
        dailyMicros: 0n,
        weeklyMicros: 0n,
        monthlyMicros: 0n,
      });
    });
  });
}

describeOn("SQLite", { enabled: true, createDatabase: async () => createScratchSqlite() });
describeOn("PostgreSQL", { enabled: testPostgresUrl !== undefined, createDatabase: () => createScratchPostgres(testPostgresUrl ?? "") });
