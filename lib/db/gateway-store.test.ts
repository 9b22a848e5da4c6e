import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hashApiKey } from "../auth/api-key";
import { InsufficientCreditsError } from "../gateway/errors";
import type { CreditHold, GenerationRecord } from "../gateway/store";
import { createPrismaClient, type PrismaClient } from "./client";
import { appendLedgerEntry, auditLedger, getCreditSummary } from "./credit-ledger";
import { createPrismaGatewayStore, type PrismaGatewayStoreOptions } from "./gateway-store";
import { applyMigrations } from "./migrate";
import { createScratchPostgres, createScratchSqlite, type ScratchDatabase } from "./test-databases";

const testPostgresUrl = process.env.TEST_POSTGRES_URL;

function generation(id: string, userId: string, costMicros: bigint): GenerationRecord {
  const now = new Date();
  return {
    id,
    userId,
    apiKeyId: null,
    requestedModel: "acme/model",
    model: "acme/model",
    providerId: "acme",
    providerName: "Acme",
    providerModel: "model",
    upstreamId: null,
    usage: { promptTokens: 10, completionTokens: 10, reasoningTokens: 0, cachedTokens: 0, cacheWriteTokens: 0 },
    usageEstimated: false,
    byok: false,
    costMicros,
    status: "success",
    httpStatus: 200,
    errorMessage: null,
    finishReason: "stop",
    nativeFinishReason: "stop",
    streamed: false,
    cancelled: false,
    latencyMs: 5,
    timeToFirstTokenMs: 5,
    attempts: [],
    createdAt: now,
    completedAt: now,
  };
}

function describeOn(name: string, options: { enabled: boolean; createDatabase: () => Promise<ScratchDatabase>; instances: 1 | 2 }) {
  describe.runIf(options.enabled)(`credit holds and settlement on ${name}`, () => {
    let database: ScratchDatabase;
    // Two clients, as two app instances would have.
    let prisma: PrismaClient;
    let otherPrisma: PrismaClient;
    let userId: string;

    beforeEach(async () => {
      database = await options.createDatabase();
      await applyMigrations({ databaseUrl: database.url });
      prisma = createPrismaClient({ databaseUrl: database.url });
      otherPrisma = createPrismaClient({ databaseUrl: database.url });
      userId = (await prisma.user.create({ data: { email: "payer@example.com" } })).id;
      await prisma.$transaction((transaction) => appendLedgerEntry(transaction, { userId, amountMicros: 1_000n, kind: "grant" }));
    });

    const opened: Array<ReturnType<typeof createPrismaGatewayStore>> = [];
    /** A store that writes each settlement at once and holds every request in the database, unless told otherwise. */
    const storeFor = (client: PrismaClient, storeOptions: PrismaGatewayStoreOptions = {}) => {
      const store = createPrismaGatewayStore(client, { flushIntervalMs: 0, leaseCredits: false, ...storeOptions });
      opened.push(store);
      return store;
    };

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
      await Promise.all([prisma.$disconnect(), otherPrisma.$disconnect()]);
      await database.drop();
    });

    it("holds the request's maximum while others run, all that is left only when it runs alone, and refuses when nothing is", async () => {
      const store = storeFor(prisma);
      const first = await store.holdCredits({ id: "g1", userId, apiKeyId: null, maxMicros: 600n });
      expect(first.amountMicros).toBe(600n);
      // 400 is left, short of 600, and g1 is still running: refused rather than let both overspend.
      await expect(store.holdCredits({ id: "g2", userId, apiKeyId: null, maxMicros: 600n })).rejects.toThrow(/other requests are running/);
      await store.recordGeneration(generation("g1", userId, 500n), first);
      // Alone now, it may hold the 500 that is left.
      expect(await store.holdCredits({ id: "g3", userId, apiKeyId: null, maxMicros: 600n })).toMatchObject({ amountMicros: 500n });
      await expect(store.holdCredits({ id: "g4", userId, apiKeyId: null, maxMicros: 1n })).rejects.toBeInstanceOf(InsufficientCreditsError);
      expect(await getCreditSummary({ prisma, userId })).toMatchObject({ balanceMicros: 500n, heldMicros: 500n });
    });

    // SQLite serves one instance; PostgreSQL is where several share the books.
    it(`never holds more than the balance when ${options.instances} instance(s) race many requests`, async () => {
      const stores = [storeFor(prisma), storeFor(options.instances === 2 ? otherPrisma : prisma)];
      const results = await Promise.allSettled(
        Array.from({ length: 40 }, (_, index) => stores[index % 2]!.holdCredits({ id: `race-${index}`, userId, apiKeyId: null, maxMicros: 70n })),
      );
      const held = results.flatMap((result) => (result.status === "fulfilled" ? [result.value.amountMicros] : []));
      const refused = results.filter((result) => result.status === "rejected");
      // Fourteen whole holds of 70; the 20 left cannot cover a fifteenth while they run.
      expect(held).toEqual(Array.from({ length: 14 }, () => 70n));
      expect(held.length + refused.length).toBe(40);
      expect(refused.every((result) => result.status === "rejected" && result.reason instanceof InsufficientCreditsError)).toBe(true);
      expect((await getCreditSummary({ prisma, userId })).heldMicros).toBe(980n);
      expect(await prisma.creditHold.count()).toBe(held.length);
    });

    it("settles a generation: the debit and the usage row together, the hold released, the books balanced", async () => {
      const store = storeFor(prisma);
      const hold = await store.holdCredits({ id: "settle", userId, apiKeyId: null, maxMicros: 500n });
      await store.recordGeneration(generation("settle", userId, 123n), hold);
      expect(await getCreditSummary({ prisma, userId })).toMatchObject({ balanceMicros: 877n, heldMicros: 0n });
      expect(await prisma.creditHold.count()).toBe(0);
      expect(await prisma.creditLedgerEntry.findUnique({ where: { generationId: "settle" } })).toMatchObject({ amountMicros: -123n, kind: "generation" });
      expect(await auditLedger({ prisma })).toEqual([]);
    });

    it("records a generation once: a second write fails whole and bills nothing more", async () => {
      const store = storeFor(prisma);
      const hold = await store.holdCredits({ id: "once", userId, apiKeyId: null, maxMicros: 500n });
      await store.recordGeneration(generation("once", userId, 100n), hold);
      await expect(store.recordGeneration(generation("once", userId, 100n), hold)).rejects.toThrow();
      expect(await getCreditSummary({ prisma, userId })).toMatchObject({ balanceMicros: 900n, heldMicros: 0n });
      expect(await auditLedger({ prisma })).toEqual([]);
    });

    it("releases a failed request's hold without a debit", async () => {
      const store = storeFor(prisma);
      const hold = await store.holdCredits({ id: "failed", userId, apiKeyId: null, maxMicros: 500n });
      await store.recordGeneration({ ...generation("failed", userId, 0n), status: "error", httpStatus: 502 }, hold);
      expect(await getCreditSummary({ prisma, userId })).toMatchObject({ balanceMicros: 1_000n, heldMicros: 0n });
      expect(await prisma.creditLedgerEntry.count({ where: { kind: "generation" } })).toBe(0);
    });

    it("holds against a key's own limit too, counts its usage when settled, and refuses once it is used up", async () => {
      const store = storeFor(prisma);
      const key = await prisma.apiKey.create({ data: { userId, name: "capped", keyHash: "hash-capped", prefix: "sk-sy-cap", limitMicros: 300n, limitReset: "daily" } });
      const first = await store.holdCredits({ id: "k1", userId, apiKeyId: key.id, maxMicros: 200n });
      expect(first).toMatchObject({ amountMicros: 200n, apiKeyId: key.id });
      // 100 of the key's 300 is left, short of 200, while k1 runs.
      await expect(store.holdCredits({ id: "k2", userId, apiKeyId: key.id, maxMicros: 200n })).rejects.toThrow(/daily credit limit of \$0.0003/);
      await store.recordGeneration({ ...generation("k1", userId, 150n), apiKeyId: key.id }, first);
      expect(await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })).toMatchObject({ periodUsageMicros: 150n, heldMicros: 0n });
      const alone = await store.holdCredits({ id: "k3", userId, apiKeyId: key.id, maxMicros: 500n });
      expect(alone.amountMicros).toBe(150n);
      await store.recordGeneration({ ...generation("k3", userId, 150n), apiKeyId: key.id }, alone);
      await expect(store.holdCredits({ id: "k4", userId, apiKeyId: key.id, maxMicros: 1n })).rejects.toThrow(/credit limit/);
      // Another key of the same account is not limited by this one's limit.
      const other = await prisma.apiKey.create({ data: { userId, name: "open", keyHash: "hash-open", prefix: "sk-sy-opn" } });
      expect(await store.holdCredits({ id: "k5", userId, apiKeyId: other.id, maxMicros: 500n })).toMatchObject({ amountMicros: 500n, apiKeyId: null });
    });

    it("tells from the key lookup whether a hold has to read the key's limit", async () => {
      const store = storeFor(prisma);
      await prisma.apiKey.create({ data: { userId, name: "plain", keyHash: hashApiKey("sk-plain"), prefix: "sk-plain" } });
      await prisma.apiKey.create({ data: { userId, name: "capped", keyHash: hashApiKey("sk-capped"), prefix: "sk-capped", limitMicros: 5n } });
      expect(await store.findCallerByApiKey("sk-plain")).toMatchObject({ userId, keyHasLimit: false });
      expect(await store.findCallerByApiKey("sk-capped")).toMatchObject({ userId, keyHasLimit: true });
      expect(await store.findCallerByApiKey("sk-unknown")).toBeNull();
    });

    it("starts a key's period afresh once it has rolled over", async () => {
      const store = storeFor(prisma);
      const yesterday = new Date(Date.now() - 86_400_000 * 2);
      const key = await prisma.apiKey.create({
        data: { userId, name: "rolled", keyHash: "hash-rolled", prefix: "sk-sy-rol", limitMicros: 300n, limitReset: "daily", periodStart: yesterday, periodUsageMicros: 300n },
      });
      const hold = await store.holdCredits({ id: "r1", userId, apiKeyId: key.id, maxMicros: 100n });
      expect(hold.amountMicros).toBe(100n);
      await store.recordGeneration({ ...generation("r1", userId, 40n), apiKeyId: key.id }, hold);
      const after = await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } });
      expect(after.periodUsageMicros).toBe(40n);
      expect(after.periodStart.getTime()).toBeGreaterThan(yesterday.getTime());
    });

    it("keeps the prompt and reply only for accounts that turned prompt logging on, until their retention ends", async () => {
      const store = storeFor(prisma);
      let asked = 0;
      const content = () => {
        asked++;
        return { prompt: '[{"role":"user","content":"secret plans"}]', completion: "Here they are." };
      };
      await store.recordGeneration(generation("unlogged", userId, 0n), null, content);
      expect(asked).toBe(0);
      expect(await prisma.generationContent.count()).toBe(0);

      const logger = (await prisma.user.create({ data: { email: "logger@example.com", promptLogging: true, promptRetentionDays: 7 } })).id;
      await store.recordGeneration(generation("logged", logger, 0n), null, content);
      const stored = await prisma.generationContent.findUniqueOrThrow({ where: { generationId: "logged" } });
      expect(stored).toMatchObject({ userId: logger, completion: "Here they are." });
      expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

      await prisma.generationContent.update({ where: { generationId: "logged" }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expect(await store.deleteExpiredContent()).toBe(1);
    });

    it("writes settlements behind the request: findGeneration sees them at once, the database after the flush, all in one batch", async () => {
      const store = storeFor(prisma, { flushIntervalMs: 60_000 });
      for (const id of ["b1", "b2", "b3"]) {
        const hold = await store.holdCredits({ id, userId, apiKeyId: null, maxMicros: 100n });
        await store.recordGeneration(generation(id, userId, 30n), hold);
      }
      expect(await prisma.generation.count()).toBe(0);
      expect(await store.findGeneration({ id: "b2", userId })).toMatchObject({ id: "b2", costMicros: 30n });
      expect(await store.findGeneration({ id: "b2", userId: "someone-else" })).toBeNull();
      await expect(store.recordGeneration(generation("b2", userId, 30n), null)).rejects.toThrow(/already recorded/);
      await store.flush();
      expect(await prisma.generation.count()).toBe(3);
      expect(await prisma.creditLedgerEntry.count({ where: { kind: "generation" } })).toBe(3);
      expect(await getCreditSummary({ prisma, userId })).toMatchObject({ balanceMicros: 910n, heldMicros: 0n });
      expect(await auditLedger({ prisma })).toEqual([]);
    });

    it("writes a batch's rows exactly as Prisma would: read back, every field is what was recorded", async () => {
      const store = storeFor(prisma, { flushIntervalMs: 60_000 });
      const record: GenerationRecord = {
        ...generation("exact", userId, 9_007_199_254_740_993n),
        apiKeyId: null,
        upstreamId: 'chatcmpl-"quoted"',
        errorMessage: "ünïcödé \n and 'quotes'",
        usageEstimated: true,
        byok: true,
        timeToFirstTokenMs: null,
        attempts: [{ providerId: "acme", model: "m", status: 500, latencyMs: 3, error: "boom" }],
        createdAt: new Date("2026-11-24T10:00:00.123Z"),
        completedAt: new Date("2026-11-24T10:00:01.456Z"),
      };
      await store.recordGeneration(record, null);
      await store.flush();
      expect(await store.findGeneration({ id: "exact", userId })).toEqual(record);
      const viaPrisma = await prisma.generation.findUniqueOrThrow({ where: { id: "exact" } });
      expect(viaPrisma.createdAt.toISOString()).toBe("2026-11-24T10:00:00.123Z");
      // Prisma's own filters on the dates still match (the stored form is the adapter's).
      expect(await prisma.generation.count({ where: { createdAt: { gte: new Date("2026-11-24T10:00:00.123Z"), lt: new Date("2026-11-24T10:00:00.124Z") } } })).toBe(1);
      expect(await prisma.creditLedgerEntry.findUniqueOrThrow({ where: { generationId: "exact" } })).toMatchObject({ amountMicros: -9_007_199_254_740_993n, kind: "generation" });
    });

    it("does not bill again a generation already in the database (a batch retried after it committed), and writes the rest of its batch", async () => {
      await storeFor(prisma).recordGeneration(generation("dup", userId, 100n), null);
      const store = storeFor(prisma, { flushIntervalMs: 60_000 });
      await store.recordGeneration(generation("dup", userId, 100n), null);
      await store.recordGeneration(generation("fresh", userId, 50n), null);
      await store.flush();
      expect(await prisma.generation.count()).toBe(2);
      expect(await getCreditSummary({ prisma, userId })).toMatchObject({ balanceMicros: 850n });
      expect(await auditLedger({ prisma })).toEqual([]);
    });

    it("serves many requests from one lease per instance, never holds more than the balance, and gives the lease back on close", async () => {
      await prisma.$transaction((transaction) => appendLedgerEntry(transaction, { userId, amountMicros: 999_000n, kind: "grant" }));
      const stores = [storeFor(prisma, { leaseCredits: true, flushIntervalMs: 20 }), storeFor(options.instances === 2 ? otherPrisma : prisma, { leaseCredits: true, flushIntervalMs: 20 })];
      let spent = 0n;
      await Promise.all(
        Array.from({ length: 60 }, async (_, index) => {
          const store = stores[index % 2]!;
          const hold = await store.holdCredits({ id: `lease-${index}`, userId, apiKeyId: null, maxMicros: 1_000n });
          expect(hold.leaseId).toBeDefined();
          const summary = await getCreditSummary({ prisma, userId });
          expect(summary.heldMicros).toBeLessThanOrEqual(summary.balanceMicros);
          const cost = BigInt(100 + index);
          spent += cost;
          await store.recordGeneration(generation(`lease-${index}`, userId, cost), hold);
        }),
      );
      // One lease row per store, not one hold per request.
      expect(await prisma.creditHold.count()).toBeLessThanOrEqual(2);
      await Promise.all(stores.map((store) => store.close()));
      expect(await getCreditSummary({ prisma, userId })).toMatchObject({ balanceMicros: 1_000_000n - spent, heldMicros: 0n });
      expect(await prisma.creditHold.count()).toBe(0);
      expect(await prisma.generation.count()).toBe(60);
      expect(await auditLedger({ prisma })).toEqual([]);
    });

    it("leases at most half of what is available, and holds directly what a lease cannot cover", async () => {
      const store = storeFor(prisma, { leaseCredits: true });
      const small = await store.holdCredits({ id: "small", userId, apiKeyId: null, maxMicros: 10n });
      expect(small.leaseId).toBeDefined();
      // 32 requests like it, well under half of the 1000.
      expect((await getCreditSummary({ prisma, userId })).heldMicros).toBe(320n);
      // The lease grows by half of the 680 still available (340), enough for 600.
      const large = await store.holdCredits({ id: "large", userId, apiKeyId: null, maxMicros: 600n });
      expect(large).toMatchObject({ amountMicros: 600n, leaseId: small.leaseId });
      expect((await getCreditSummary({ prisma, userId })).heldMicros).toBe(660n);
      // Half of the 340 left cannot cover 700, and the lease is in use: refused while others run.
      await expect(store.holdCredits({ id: "huge", userId, apiKeyId: null, maxMicros: 700n })).rejects.toThrow(/other requests are running/);
      await store.recordGeneration(generation("small", userId, 4n), small);
      await store.recordGeneration(generation("large", userId, 500n), large);
      await store.close();
      expect(await getCreditSummary({ prisma, userId })).toMatchObject({ balanceMicros: 496n, heldMicros: 0n });
      // Alone, the request is held directly for all that is left.
      const alone = await storeFor(prisma, { leaseCredits: true }).holdCredits({ id: "alone", userId, apiKeyId: null, maxMicros: 700n });
      expect(alone.leaseId).toBeUndefined();
      expect(alone.amountMicros).toBe(496n);
      expect(await auditLedger({ prisma })).toEqual([]);
    });

    it("still debits what was spent on a lease the expiry sweep took, and starts a new lease after", async () => {
      const store = storeFor(prisma, { leaseCredits: true, flushIntervalMs: 60_000 });
      const hold = await store.holdCredits({ id: "swept", userId, apiKeyId: null, maxMicros: 10n });
      await prisma.creditHold.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
      expect(await store.releaseExpiredHolds()).toBe(1);
      await store.recordGeneration(generation("swept", userId, 7n), hold);
      await store.flush();
      expect(await getCreditSummary({ prisma, userId })).toMatchObject({ balanceMicros: 993n, heldMicros: 0n });
      const next = await store.holdCredits({ id: "next", userId, apiKeyId: null, maxMicros: 10n });
      expect(next.leaseId).toBeDefined();
      expect(next.leaseId).not.toBe(hold.leaseId);
      expect(await auditLedger({ prisma })).toEqual([]);
    });

    it("releases holds left by an instance that died, once, and a late settlement does not release them again", async () => {
      const store = storeFor(prisma);
      const hold: CreditHold = await store.holdCredits({ id: "orphan", userId, apiKeyId: null, maxMicros: 300n });
      await prisma.creditHold.update({ where: { id: "orphan" }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expect(await store.releaseExpiredHolds()).toBe(1);
      expect(await storeFor(otherPrisma).releaseExpiredHolds()).toBe(0);
      expect((await getCreditSummary({ prisma, userId })).heldMicros).toBe(0n);
      await store.recordGeneration(generation("orphan", userId, 50n), hold);
      expect(await getCreditSummary({ prisma, userId })).toMatchObject({ balanceMicros: 950n, heldMicros: 0n });
    });
  });
}

describeOn("SQLite", { enabled: true, createDatabase: async () => createScratchSqlite(), instances: 1 });
describeOn("PostgreSQL", { enabled: testPostgresUrl !== undefined, createDatabase: () => createScratchPostgres(testPostgresUrl ?? ""), instances: 2 });
