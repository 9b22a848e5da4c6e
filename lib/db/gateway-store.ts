import "server-only";
import { hashApiKey } from "../auth/api-key";
import type { Caller, GatewayStore, GenerationRecord, GenerationStatus } from "../gateway/store";
import { getPrisma, type PrismaClient } from "./client";

const CALLER_CACHE_MS = 5_000;
const BALANCE_CACHE_MS = 5_000;
const LAST_USED_WRITE_INTERVAL_MS = 60_000;

/**
 * The gateway's persistence on Prisma. Key lookups are cached for a few
 * seconds (a disabled key stops working within that window) and `lastUsedAt`
 * is written at most once a minute per key, to keep writes off most requests.
 *
 * Balances are summed from the ledger at most every few seconds per user and
 * kept current in between with the debits this process records, so the
 * request path does no aggregate over a ledger that grows with every request.
 * Debits made by other instances show up at the next refresh; an empty
 * balance is never cached, so a grant to it is seen on the next request.
 */
export function createPrismaGatewayStore(prisma: PrismaClient = getPrisma()): GatewayStore {
  const callers = new Map<string, { caller: Caller | null; expiresAt: number }>();
  const lastUsedWrites = new Map<string, number>();
  const balances = new Map<string, { micros: bigint; loadedAt: number }>();

  return {
    async findCallerByApiKey(secret) {
      const hash = hashApiKey(secret);
      const now = Date.now();
      const cached = callers.get(hash);
      if (cached && cached.expiresAt > now) return cached.caller;

      const key = await prisma.apiKey.findUnique({ where: { keyHash: hash }, select: { id: true, userId: true, disabled: true } });
      const caller = key && !key.disabled ? { userId: key.userId, apiKeyId: key.id } : null;
      if (callers.size > 10_000) callers.clear();
      callers.set(hash, { caller, expiresAt: now + CALLER_CACHE_MS });

      if (caller?.apiKeyId && now - (lastUsedWrites.get(caller.apiKeyId) ?? 0) > LAST_USED_WRITE_INTERVAL_MS) {
        lastUsedWrites.set(caller.apiKeyId, now);
        prisma.apiKey
          .update({ where: { id: caller.apiKeyId }, data: { lastUsedAt: new Date(now) } })
          .catch((error: unknown) => console.warn("[db] could not update lastUsedAt:", error));
      }
      return caller;
    },

    async getBalanceMicros(userId) {
      const now = Date.now();
      const cached = balances.get(userId);
      // An empty account is read fresh each time, so credits granted to it
      // (by an admin or a purchase, in any process) work at once.
      if (cached && cached.micros > 0n && now - cached.loadedAt < BALANCE_CACHE_MS) return cached.micros;
      const result = await prisma.creditLedgerEntry.aggregate({ where: { userId }, _sum: { amountMicros: true } });
      const micros = result._sum.amountMicros ?? 0n;
      if (balances.size > 10_000) balances.clear();
      balances.set(userId, { micros, loadedAt: now });
      return micros;
    },

    async recordGeneration(record) {
      const generation = prisma.generation.create({ data: toGenerationRow(record) });
      if (record.costMicros <= 0n) {
        await generation;
        return;
      }
      const debit = prisma.creditLedgerEntry.create({
        data: {
          userId: record.userId,
          amountMicros: -record.costMicros,
          kind: "generation",
          generationId: record.id,
          note: record.model,
        },
      });
      await prisma.$transaction([generation, debit]);
      const cached = balances.get(record.userId);
      if (cached) cached.micros -= record.costMicros;
    },

    async findGeneration({ id, userId }) {
      const row = await prisma.generation.findFirst({ where: { id, userId } });
      return row ? fromGenerationRow(row) : null;
    },
  };
}

type GenerationRow = NonNullable<Awaited<ReturnType<PrismaClient["generation"]["findFirst"]>>>;

function toGenerationRow(record: GenerationRecord) {
  return {
    id: record.id,
    userId: record.userId,
    apiKeyId: record.apiKeyId,
    requestedModel: record.requestedModel,
    model: record.model,
    providerId: record.providerId,
    providerName: record.providerName,
    providerModel: record.providerModel,
    upstreamId: record.upstreamId,
    promptTokens: record.usage.promptTokens,
    completionTokens: record.usage.completionTokens,
    reasoningTokens: record.usage.reasoningTokens,
    cachedTokens: record.usage.cachedTokens,
    cacheWriteTokens: record.usage.cacheWriteTokens,
    usageEstimated: record.usageEstimated,
    costMicros: record.costMicros,
    status: record.status,
    httpStatus: record.httpStatus,
    errorMessage: record.errorMessage,
    finishReason: record.finishReason,
    nativeFinishReason: record.nativeFinishReason,
    streamed: record.streamed,
    cancelled: record.cancelled,
    latencyMs: record.latencyMs,
    timeToFirstTokenMs: record.timeToFirstTokenMs,
    attempts: JSON.stringify(record.attempts),
    createdAt: record.createdAt,
    completedAt: record.completedAt,
  };
}

function fromGenerationRow(row: GenerationRow): GenerationRecord {
  return {
    id: row.id,
    userId: row.userId,
    apiKeyId: row.apiKeyId,
    requestedModel: row.requestedModel,
    model: row.model,
    providerId: row.providerId,
    providerName: row.providerName,
    providerModel: row.providerModel,
    upstreamId: row.upstreamId,
    usage: {
      promptTokens: row.promptTokens,
      completionTokens: row.completionTokens,
      reasoningTokens: row.reasoningTokens,
      cachedTokens: row.cachedTokens,
      cacheWriteTokens: row.cacheWriteTokens,
    },
    usageEstimated: row.usageEstimated,
    costMicros: row.costMicros,
    status: row.status as GenerationStatus,
    httpStatus: row.httpStatus,
    errorMessage: row.errorMessage,
    finishReason: row.finishReason,
    nativeFinishReason: row.nativeFinishReason,
    streamed: row.streamed,
    cancelled: row.cancelled,
    latencyMs: row.latencyMs ?? 0,
    timeToFirstTokenMs: row.timeToFirstTokenMs,
    attempts: JSON.parse(row.attempts) as GenerationRecord["attempts"],
    createdAt: row.createdAt,
    completedAt: row.completedAt ?? row.createdAt,
  };
}
