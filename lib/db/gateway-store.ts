import "server-only";
import { randomUUID } from "node:crypto";
import { hashApiKey } from "../auth/api-key";
import { InsufficientCreditsError } from "../gateway/errors";
import { holdableMicros } from "../gateway/usage/holdable-micros";
import type { Caller, CreditHold, GatewayStore, GenerationContent, GenerationRecord, GenerationStatus } from "../gateway/store";
import { dialectOf, getPrisma, type DatabaseDialect, type PrismaClient } from "./client";
import { getCreditSummary, type TransactionClient } from "./credit-ledger";
import { createCreditLeases, type CreditLeases } from "./credit-leases";
import { currentPeriodStart, effectivePeriodUsage, isLimitReset, type KeyPeriodUsage } from "../keys/key-limit-period";

/** Changes reach every instance within a second through cache versions (watchCacheVersions); this is the safety net. */
const CALLER_CACHE_MS = 60_000;
const LAST_USED_WRITE_INTERVAL_MS = 60_000;
/** As CALLER_CACHE_MS, for accounts' prompt-logging choice. */
const PROMPT_LOGGING_CACHE_MS = 60_000;
/** A hold outlives any request it covers; one left by an instance that died is released after this. */
export const HOLD_LIFETIME_MS = 2 * 60 * 60_000;

/** Settlements are written this often at most: the durability window (see createPrismaGatewayStore). */
export const DEFAULT_FLUSH_INTERVAL_MS = 100;
/** A batch holds at most this many settlements; a full one is written at once. */
const MAX_BATCH = 500;

export interface PrismaGatewayStoreOptions {
  /**
   * Milliseconds settled generations may wait in memory before they are
   * written, in one transaction per batch; 0 writes each one before
   * recordGeneration returns.
   */
  flushIntervalMs?: number;
  /** False holds every request in the database (see createCreditLeases); true by default. */
  leaseCredits?: boolean;
}

interface Settlement {
  record: GenerationRecord;
  hold: CreditHold | null;
  logged: (GenerationContent & { expiresAt: Date }) | null;
}

/**
 * The gateway's persistence on Prisma, built to keep the database off the
 * request path:
 * - Key lookups are cached for a few seconds (a disabled key stops working,
 *   and a new key limit applies, within that window), and `lastUsedAt` is
 *   written at most once a minute per key.
 * - Holds come from a lease of the account's credits this instance holds
 *   (see createCreditLeases), in memory; only keys with a limit of their own,
 *   and requests a lease cannot cover, hold in the database, under the
 *   account row's lock, so concurrent requests on any number of instances
 *   cannot hold more than there is (see holdableMicros for the bound).
 * - Settled generations, their ledger debits, the release of their holds and
 *   key usage are written behind the request, in batches: one transaction
 *   every `flushIntervalMs` (or per MAX_BATCH), all or nothing. That is the
 *   durability window: a process killed outright loses at most the
 *   generations settled in the last interval, and never bills part of one.
 *   `close()` (graceful shutdown) writes everything and gives the leases back.
 */
export function createPrismaGatewayStore(
  prisma: PrismaClient = getPrisma(),
  options: PrismaGatewayStoreOptions = {},
): GatewayStore & {
  releaseExpiredHolds(): Promise<number>;
  deleteExpiredContent(): Promise<number>;
  /** Writes what is settled and gives this instance's leases back; for shutdown. */
  close(): Promise<void>;
  /** Settled generations waiting for the next batch. */
  pendingSettlements(): number;
  /** Drops cached key lookups or accounts' prompt-logging choices after another instance changed them. */
  invalidate(scope: "api-keys" | "user-settings"): void;
} {
  const flushIntervalMs = options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
  const leaseCredits = options.leaseCredits ?? true;
  const dialect = dialectOf(prisma);
  const callers = new Map<string, { caller: Caller | null; expiresAt: number }>();
  const lastUsedWrites = new Map<string, number>();
  const loggingPolicies = new Map<string, { retentionDays: number | null; expiresAt: number }>();
  const leases = createCreditLeases({ prisma });
  /** Settled, not yet written, by generation id. */
  const pending = new Map<string, Settlement>();
  const settledHolds = new WeakSet<CreditHold>();
  let flushTimer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();
  let closed = false;

  let ticks = 0;
  const maintenance = setInterval(() => {
    ticks++;
    leases.maintain({ renew: ticks % 15 === 0 }).catch((error: unknown) => console.warn("[billing] could not renew or release credit leases:", error));
  }, 1_000);
  maintenance.unref();

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

  /** Consecutive failed flushes: retries back off to 5 s while the database is away. */
  let failures = 0;
  function scheduleFlush(): void {
    if (flushTimer || closed) return;
    const delay = failures === 0 ? flushIntervalMs : Math.min(5_000, flushIntervalMs * 2 ** failures);
    flushTimer = setTimeout(() => {
      flushTimer = null;
      flush().then(
        () => {
          failures = 0;
        },
        (error: unknown) => {
          failures++;
          console.error(`[billing] could not write ${pending.size} settled generation(s); retrying:`, error);
          scheduleFlush();
        },
      );
    }, delay);
    flushTimer.unref();
  }

  /** Writes everything settled so far, one batch after another; batches never run concurrently. */
  function flush(): Promise<void> {
    const run = flushing.catch(() => undefined).then(async () => {
      while (pending.size > 0) await writeBatch([...pending.values()].slice(0, MAX_BATCH));
    });
    flushing = run;
    return run;
  }

  async function writeBatch(batch: Settlement[]): Promise<void> {
    try {
      await writeSettlements(prisma, leases, batch, dialect);
    } catch (error) {
      // One generation written before (a retried batch that had committed) fails the batch; write the rest one by one.
      if (!isUniqueViolation(error) || batch.length === 1) {
        if (isUniqueViolation(error)) {
          console.error(`[billing] generation ${batch[0]!.record.id} was already recorded; not billing it again`);
          pending.delete(batch[0]!.record.id);
          return;
        }
        throw error;
      }
      for (const settlement of batch) await writeBatch([settlement]);
      return;
    }
    for (const settlement of batch) pending.delete(settlement.record.id);
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
      // A key with a limit of its own holds in the database, against the key too.
      const keyFree = apiKeyId === null || keyHasLimit === false;
      const share = keyFree && leaseCredits && maxMicros > 0n ? await leases.reserve(userId, maxMicros) : null;
      if (share) return { id, userId, apiKeyId: null, amountMicros: share.amountMicros, leaseId: share.leaseId };
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
      if ((hold && settledHolds.has(hold)) || pending.has(record.id)) throw new Error(`generation ${record.id} is already recorded`);
      if (hold) settledHolds.add(hold);
      const retentionDays = content ? await promptRetentionDays(record.userId) : null;
      const logged = retentionDays !== null && content ? { ...content(), expiresAt: new Date(Date.now() + retentionDays * 86_400_000) } : null;
      if (hold?.leaseId) leases.settle({ leaseId: hold.leaseId, amountMicros: hold.amountMicros }, record.userId, record.costMicros);
      pending.set(record.id, { record, hold, logged });
      if (flushIntervalMs === 0 || closed) return flush();
      if (pending.size >= MAX_BATCH) void flush().catch(() => scheduleFlush());
      else scheduleFlush();
    },

    flush,

    pendingSettlements: () => pending.size,

    invalidate(scope) {
      if (scope === "api-keys") callers.clear();
      else loggingPolicies.clear();
    },

    async close() {
      closed = true;
      clearInterval(maintenance);
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = null;
      await flush();
      await leases.releaseAll();
    },

    async findGeneration({ id, userId }) {
      const settled = pending.get(id)?.record;
      if (settled) return settled.userId === userId ? settled : null;
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

/**
 * One batch of settlements in one transaction: the generations, their prompt
 * logs, their ledger debits, each account's balance and held credits moved
 * by the batch's sums, direct holds deleted, leases shrunk by what was spent
 * on them, and limited keys' usage.
 */
async function writeSettlements(prisma: PrismaClient, leases: CreditLeases, batch: Settlement[], dialect: DatabaseDialect): Promise<void> {
  const now = new Date();
  const spentOnLeases = new Map<string, { userId: string; spentMicros: bigint }>();
  for (const { record, hold } of batch) {
    if (!hold?.leaseId) continue;
    const entry = spentOnLeases.get(hold.leaseId) ?? { userId: record.userId, spentMicros: 0n };
    entry.spentMicros += record.costMicros;
    spentOnLeases.set(hold.leaseId, entry);
  }
  const leaseFlushes = leases.planFlush(spentOnLeases);
  const gone = await prisma.$transaction(async (transaction) => {
    await insertRows(transaction, dialect, "Generation", batch.map(({ record }) => toGenerationRow(record)));
    const logged = batch.flatMap(({ record, logged }) => (logged ? [{ generationId: record.id, userId: record.userId, ...logged }] : []));
    if (logged.length > 0) await transaction.generationContent.createMany({ data: logged });
    const debits = batch.filter(({ record }) => record.costMicros > 0n);
    if (debits.length > 0) {
      await insertRows(
        transaction,
        dialect,
        "CreditLedgerEntry",
        debits.map(({ record }) => ({
          // Time first, like the generation ids, so the index grows at its end.
          id: `le_${Date.now().toString(36)}_${randomUUID()}`,
          userId: record.userId,
          amountMicros: -record.costMicros,
          kind: "generation",
          generationId: record.id,
          note: record.model,
          createdAt: now,
        })),
      );
    }

    // Direct holds the expiry sweep already released are not released twice.
    const direct = batch.filter((settlement) => settlement.hold && !settlement.hold.leaseId);
    const stillHeld = new Set(
      direct.length === 0
        ? []
        : (await transaction.creditHold.findMany({ where: { id: { in: direct.map(({ hold }) => hold!.id) } }, select: { id: true } })).map(({ id }) => id),
    );
    if (stillHeld.size > 0) await transaction.creditHold.deleteMany({ where: { id: { in: [...stillHeld] } } });
    const goneLeases = await leases.writeFlush(transaction, leaseFlushes);

    const accounts = new Map<string, { debitMicros: bigint; releaseMicros: bigint }>();
    const account = (userId: string) => {
      const entry = accounts.get(userId) ?? { debitMicros: 0n, releaseMicros: 0n };
      accounts.set(userId, entry);
      return entry;
    };
    for (const { record } of debits) account(record.userId).debitMicros += record.costMicros;
    for (const { hold } of direct) if (stillHeld.has(hold!.id)) account(hold!.userId).releaseMicros += hold!.amountMicros;
    for (const flush of leaseFlushes) if (!goneLeases.has(flush.leaseId)) account(flush.userId).releaseMicros += flush.releaseMicros;
    for (const [userId, { debitMicros, releaseMicros }] of accounts) {
      await transaction.creditAccount.upsert({
        where: { userId },
        create: { userId, balanceMicros: -debitMicros },
        update: { balanceMicros: { decrement: debitMicros }, heldMicros: { decrement: releaseMicros } },
      });
    }
    // Only a key with a limit (its hold says so) keeps a usage counter; others cost no query here.
    for (const { record, hold } of direct) {
      if (!hold?.apiKeyId) continue;
      await settleKeyUsage(transaction, { apiKeyId: hold.apiKeyId, costMicros: record.costMicros, releaseMicros: stillHeld.has(hold.id) ? hold.amountMicros : 0n, now });
    }
    return goneLeases;
  });
  leases.applyFlush(leaseFlushes, gone);
}

/**
 * Inserts rows (all with the same keys, the table's column names) in one
 * statement with one parameter: the rows as JSON, unpacked by the database
 * (SQLite's json_each, PostgreSQL's json_populate_recordset). Prisma's
 * createMany compiles its query anew for each batch size, and a multi-row
 * VALUES list makes the database parse a new statement of thousands of
 * parameters each time; this costs a fraction of either per row (measured,
 * see BENCHMARKS.md). Values are written as Prisma writes them: integers as
 * numbers (or digit strings past 2^53), booleans as such, dates as ISO text,
 * on SQLite in the adapter's `+00:00` form.
 */
async function insertRows(transaction: TransactionClient, dialect: DatabaseDialect, table: "Generation" | "CreditLedgerEntry", rows: Array<Record<string, unknown>>): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const columnList = columns.map((column) => `"${column}"`).join(", ");
  const json = JSON.stringify(rows, function (this: Record<string, unknown>, key, value: unknown) {
    const original = this[key];
    if (original instanceof Date) return dialect === "sqlite" ? original.toISOString().replace("Z", "+00:00") : original.toISOString();
    if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
    return value;
  });
  if (dialect === "postgresql") {
    await transaction.$executeRawUnsafe(`INSERT INTO "${table}" (${columnList}) SELECT ${columnList} FROM json_populate_recordset(NULL::"${table}", $1::json)`, json);
  } else {
    const values = columns.map((column) => `json_extract(value, '$.${column}')`).join(", ");
    await transaction.$executeRawUnsafe(`INSERT INTO "${table}" (${columnList}) SELECT ${values} FROM json_each(?)`, json);
  }
}

function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta } = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
  // P2002 from Prisma's own queries; a raw INSERT reports the adapter's error kind instead.
  return code === "P2002" || meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
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
