import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApiKey, deleteApiKey, updateApiKey } from "../db/api-key-queries";
import { createPrismaClient, type PrismaClient } from "../db/client";
import { appendLedgerEntry } from "../db/credit-ledger";
import { applyMigrations } from "../db/migrate";
import { createScratchSqlite, type ScratchDatabase } from "../db/test-databases";
import { AuthenticationError } from "../gateway/errors";
import { describeCurrentKey } from "./describe-current-key";

const now = new Date("2026-03-18T12:00:00.000Z");

describe("describeCurrentKey", () => {
  let database: ScratchDatabase;
  let prisma: PrismaClient;
  let userId: string;

  beforeEach(async () => {
    database = createScratchSqlite();
    await applyMigrations({ databaseUrl: database.url });
    prisma = createPrismaClient({ databaseUrl: database.url });
    userId = (await prisma.user.create({ data: { email: "alice@example.com" } })).id;
  });

  afterEach(async () => {
    await prisma.$disconnect();
    await database.drop();
  });

  it("reports the key's limit, its usage per period and whether the account ever bought credits", async () => {
    const { key } = await createApiKey({ userId, name: "ci", limitMicros: 3_000_000n, limitReset: "weekly", prisma, now: new Date("2026-03-02T00:00:00.000Z") });
    await prisma.generation.create({
      data: {
        id: "gen-1",
        userId,
        apiKeyId: key.id,
        requestedModel: "acme/model",
        model: "acme/model",
        providerId: "acme",
        providerName: "Acme",
        providerModel: "acme-1",
        costMicros: 500_000n,
        status: "success",
        createdAt: new Date("2026-03-10T00:00:00.000Z"),
      },
    });
    await prisma.apiKey.update({ where: { id: key.id }, data: { periodStart: new Date("2026-03-16T00:00:00.000Z"), periodUsageMicros: 1_000_000n } });

    expect(await describeCurrentKey({ userId, apiKeyId: key.id, prisma, now })).toMatchObject({
      label: `${key.prefix}...`,
      limit: 3,
      limit_remaining: 2,
      limit_reset: "weekly",
      usage: 0.5,
      usage_daily: 0,
      usage_weekly: 0,
      usage_monthly: 0.5,
      is_free_tier: true,
      is_provisioning_key: false,
    });

    await prisma.$transaction((transaction) => appendLedgerEntry(transaction, { userId, amountMicros: 5_000_000n, kind: "purchase", externalId: "cs_1" }));
    expect(await describeCurrentKey({ userId, apiKeyId: key.id, prisma, now })).toMatchObject({ is_free_tier: false });
  });

  it("answers a key disabled or deleted since authentication cached it as invalid", async () => {
    const { key } = await createApiKey({ userId, name: "ci", prisma, now });
    await updateApiKey({ userId, id: key.id, changes: { disabled: true }, prisma, now });
    await expect(describeCurrentKey({ userId, apiKeyId: key.id, prisma, now })).rejects.toBeInstanceOf(AuthenticationError);
    await deleteApiKey({ userId, id: key.id, prisma });
    await expect(describeCurrentKey({ userId, apiKeyId: key.id, prisma, now })).rejects.toBeInstanceOf(AuthenticationError);
  });
});
