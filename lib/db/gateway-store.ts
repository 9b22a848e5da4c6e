import "server-only";
import { hashApiKey } from "../auth/api-key";
import { InsufficientCreditsError } from "../gateway/errors";
import { holdableMicros } from "../gateway/usage/holdable-micros";
import type { Caller, GatewayStore, GenerationRecord, GenerationStatus } from "../gateway/store";
import { getPrisma, type PrismaClient } from "./client";
import { appendLedgerEntry, getCreditSummary, type TransactionClient } from "./credit-ledger";
import { currentPeriodStart, effectivePeriodUsage, isLimitReset, type KeyPeriodUsage } from "../keys/key-limit-period";

const CALLER_CACHE_MS = 5_000;
const LAST_USED_WRITE_INTERVAL_MS = 60_000;
/** Turning prompt logging on or off takes effect within this long. */
const PROMPT_LOGGING_CACHE_MS = 30_000;
/** A hold outlives any request it covers; one left by an instance that died is released after this. */
export const HOLD_LIFETIME_MS = 2 * 60 * 60_000;

/**
 * The gateway's persistence on Prisma. Key lookups are cached for a few
 * seconds (a disabled key stops working, and a new key limit applies, within that window) and `lastUsedAt`
 * is written at most once a minute per key, to keep writes off most requests.
 *
 * Balances live in CreditAccount, the ledger's running sum, so reading one is
 * a primary-key lookup. A hold reads and raises the account's `heldMicros`
 * under the row's lock, so concurrent requests, on any number of instances,
 * cannot hold more than there is (see holdableMicros for the bound).
 */
export function createPrismaGatewayStore(prisma: PrismaClient = getPrisma()): GatewayStore & {
  releaseExpiredHolds(): Promise<number>;
  deleteExpiredContent(): Promise<number>;
} {
  const callers = new Map<string, { caller: Caller | null; expiresAt: number }>();
  const lastUsedWrites = new Map<string, number>();
  const loggingPolicies = new Map<string, { retentionDays: number | null; expiresAt: number }>();

  /** Days to keep prompt logs for, or null when the account does not log prompts; cached briefly. */
  async function promptRetentionDays(userId: string): Promise<number | null> {
    const now = Date.now();
    const cached = loggingPolicies.get(userId);
    if (cached && cached.expiresAt > now) return cached.retentionDays;
    const user = await prisma.user.findUnique({ where: { id: userId }, select: { promptLogging: true, promptRetentionDays: true } });
    const retentionDays = user?.promptLogging ? user.promptRetentionDays : null;
    if (loggingPolicies.size > 10_000) loggingPolicies.clear();
    loggingPolicies.set(userId, { retentionDays, expiresAt: now + PROMPT_LOGGING_CACHE_MS });
    return retentionDays;
  }

  return {
    async findCallerByApiKey(secret) {
      const hash = hashApiKey(secret);
      const now = Date.now();
      const cached = callers.get(hash);
      if (cached && cached.expiresAt > now) return cached.caller;

      const key = await prisma.apiKey.findUnique({ where: { keyHash: hash }, select: { id: true, userId: true, disabled: true, limitMicros: true } });
      const caller = key && !key.disabled ? { userId: key.userId, apiKeyId: key.id, keyHasLimit: key.limitMicros !== null } : null;
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
      return (await getCreditSummary({ prisma, userId })).balanceMicros;
    },

    async holdCredits({ id, userId, apiKeyId, keyHasLimit, maxMicros }) {
      const now = new Date();
      const hold = await prisma.$transaction(async (transaction) => {
        // A write first, so the account row is locked (PostgreSQL) or the
        // database reserved for writing (SQLite) before it is read: requests
        // of one account then reserve one after another, on any instance.
        const locked = await transaction.$executeRaw`UPDATE "CreditAccount" SET "heldMicros" = "heldMicros" WHERE "userId" = ${userId}`;
        if (locked === 0) throw new InsufficientCreditsError();
        const { balanceMicros, heldMicros } = await getCreditSummary({ prisma: transaction, userId });
        let amount = holdableMicros({ available: balanceMicros - heldMicros, othersHeld: heldMicros, maxMicros });
        if (amount === null) throw new InsufficientCreditsError(insufficientMessage(heldMicros));

        // A key with a limit of its own holds against it too (its row is locked by the account's).
        const key = apiKeyId && keyHasLimit !== false ? await transaction.apiKey.findUnique({ where: { id: apiKeyId }, select: keyLimitFields }) : null;
        const limited = key !== null && key.limitMicros !== null;
        if (limited) {
          const keyAmount = holdableMicros({
            available: key.limitMicros! - effectivePeriodUsage(toPeriodUsage(key), now) - key.heldMicros,
            othersHeld: key.heldMicros,
            maxMicros: amount,
          });
          if (keyAmount === null) throw new InsufficientCreditsError(keyLimitMessage(key));
          amount = keyAmount;
          await transaction.apiKey.update({ where: { id: apiKeyId! }, data: { heldMicros: { increment: amount } } });
        }
        await transaction.creditAccount.update({ where: { userId }, data: { heldMicros: { increment: amount } } });
        const heldAgainstKey = limited ? apiKeyId : null;
        await transaction.creditHold.create({
          data: { id, userId, apiKeyId: heldAgainstKey, amountMicros: amount, expiresAt: new Date(now.getTime() + HOLD_LIFETIME_MS) },
        });
        return { id, userId, apiKeyId: heldAgainstKey, amountMicros: amount };
      });
      return hold;
    },

    async recordGeneration(record, hold, content) {
      const now = new Date();
      const retentionDays = content ? await promptRetentionDays(record.userId) : null;
      const logged = retentionDays !== null && content ? content() : null;
      await prisma.$transaction(async (transaction) => {
        await transaction.generation.create({ data: toGenerationRow(record) });
        if (logged && retentionDays !== null) {
          await transaction.generationContent.create({
            data: { generationId: record.id, userId: record.userId, ...logged, expiresAt: new Date(now.getTime() + retentionDays * 86_400_000) },
          });
        }
        // A hold the expiry sweep already released is not released twice.
        const released = hold ? (await transaction.creditHold.deleteMany({ where: { id: hold.id } })).count > 0 : false;
        const releaseMicros = released && hold ? hold.amountMicros : 0n;
        if (record.costMicros > 0n) {
          await appendLedgerEntry(transaction, {
            userId: record.userId,
            amountMicros: -record.costMicros,
            kind: "generation",
            generationId: record.id,
            note: record.model,
            releaseHeldMicros: releaseMicros,
          });
        } else if (releaseMicros > 0n) {
          await transaction.creditAccount.update({ where: { userId: record.userId }, data: { heldMicros: { decrement: releaseMicros } } });
        }
        // Only a key with a limit (its hold says so) keeps a usage counter; others cost no query here.
        if (hold?.apiKeyId) await settleKeyUsage(transaction, { apiKeyId: hold.apiKeyId, costMicros: record.costMicros, releaseMicros, now });
      });
    },

    async findGeneration({ id, userId }) {
      const row = await prisma.generation.findFirst({ where: { id, userId } });
      return row ? fromGenerationRow(row) : null;
    },

    /** Deletes prompt logs past their retention; returns how many. */
    async deleteExpiredContent() {
      const { count } = await prisma.generationContent.deleteMany({ where: { expiresAt: { lt: new Date() } } });
      return count;
    },

    /** Releases holds whose request never settled (its instance died); returns how many. */
    async releaseExpiredHolds() {
      const expired = await prisma.creditHold.findMany({ where: { expiresAt: { lt: new Date() } }, take: 500 });
      let released = 0;
      for (const hold of expired) {
        const done = await prisma.$transaction(async (transaction) => {
          const { count } = await transaction.creditHold.deleteMany({ where: { id: hold.id } });
          if (count === 0) return false;
          await transaction.creditAccount.update({ where: { userId: hold.userId }, data: { heldMicros: { decrement: hold.amountMicros } } });
          if (hold.apiKeyId) await transaction.apiKey.updateMany({ where: { id: hold.apiKeyId }, data: { heldMicros: { decrement: hold.amountMicros } } });
          return true;
        });
        if (done) released++;
      }
      return released;
    },
  };
}

function insufficientMessage(heldMicros: bigint): string | undefined {
  return heldMicros > 0n
    ? "Insufficient credits: what is left does not cover this request's maximum cost while other requests are running. Lower max_tokens, wait for them to finish, or add credits."
    : undefined;
}

const keyLimitFields = { limitMicros: true, limitReset: true, periodStart: true, periodUsageMicros: true, heldMicros: true } as const;

interface KeyLimitRow {
  limitMicros: bigint | null;
  limitReset: string | null;
  periodStart: Date;
  periodUsageMicros: bigint;
}

function toPeriodUsage(key: KeyLimitRow): KeyPeriodUsage {
  return { limitReset: isLimitReset(key.limitReset) ? key.limitReset : null, periodStart: key.periodStart, periodUsageMicros: key.periodUsageMicros };
}

function keyLimitMessage(key: KeyLimitRow): string {
  const reset = isLimitReset(key.limitReset) ? key.limitReset : null;
  const limit = `$${(Number(key.limitMicros) / 1_000_000).toString()}`;
  return reset === null
    ? `This API key has reached its credit limit of ${limit}. Raise the limit or use another key.`
    : `This API key has reached its ${reset} credit limit of ${limit}; it resets at the start of the next ${reset === "daily" ? "day" : reset === "weekly" ? "week (Monday)" : "month"} (UTC).`;
}

/**
 * Adds a settled generation's cost to its key's usage in the current period
 * (starting the period afresh when it has rolled over) and releases what
 * the key held for it. Keys without a limit are left alone: their usage is
 * summed from generations when it is shown, and when a limit is set.
 */
async function settleKeyUsage(
  transaction: TransactionClient,
  { apiKeyId, costMicros, releaseMicros, now }: { apiKeyId: string; costMicros: bigint; releaseMicros: bigint; now: Date },
): Promise<void> {
  const key = await transaction.apiKey.findUnique({ where: { id: apiKeyId }, select: keyLimitFields });
  if (!key || (key.limitMicros === null && releaseMicros === 0n)) return;
  const start = currentPeriodStart(isLimitReset(key.limitReset) ? key.limitReset : null, now);
  const rolled = start !== null && start.getTime() > key.periodStart.getTime();
  await transaction.apiKey.update({
    where: { id: apiKeyId },
    data: {
      heldMicros: { decrement: releaseMicros },
      ...(rolled ? { periodStart: start, periodUsageMicros: costMicros } : { periodUsageMicros: { increment: costMicros } }),
    },
  });
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
    byok: record.byok,
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
    byok: row.byok,
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
