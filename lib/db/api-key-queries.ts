import "server-only";
import { generateApiKey } from "../auth/api-key";
import { currentPeriodStart, effectivePeriodUsage, isLimitReset, type LimitReset } from "../keys/key-limit-period";
import { getPrisma, type PrismaClient } from "./client";
import { bumpCacheVersion } from "./cache-versions";

/**
 * A user's API keys, as their owner manages them. Every function takes the
 * owner's id and touches only that user's keys: another user's key id is
 * not found, exactly like a missing one, so ids reveal nothing.
 * The hash never leaves this module; the secret leaves it once, on creation.
 */

export class ApiKeyNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`API key '${id}' not found.`);
    this.name = "ApiKeyNotFoundError";
  }
}

export interface ApiKeySummary {
  id: string;
  name: string;
  /** The start of the secret, to tell keys apart. */
  prefix: string;
  disabled: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
  /** Most the key may spend per period; null: no limit of its own. */
  limitMicros: bigint | null;
  /** null: the limit never resets. */
  limitReset: LimitReset | null;
  /** Spent in the current period (everything since the key was created, for a limit that never resets). */
  usageMicros: bigint;
  /** What the limit leaves this period, never below zero; null without a limit. Requests in flight are not subtracted. */
  remainingMicros: bigint | null;
}

export interface CreatedApiKey {
  key: ApiKeySummary;
  /** Shown to the owner now and never again: only its hash is stored. */
  secret: string;
}

/** A key's spending from its recorded generations, per UTC period. */
export interface ApiKeyUsage {
  totalMicros: bigint;
  dailyMicros: bigint;
  weeklyMicros: bigint;
  monthlyMicros: bigint;
}

/** What PATCH may change; an absent field is left as it is, a null one cleared. */
export interface ApiKeyChanges {
  name?: string;
  disabled?: boolean;
  limitMicros?: bigint | null;
  limitReset?: LimitReset | null;
}

const SUMMARY_FIELDS = {
  id: true,
  name: true,
  prefix: true,
  disabled: true,
  createdAt: true,
  lastUsedAt: true,
  limitMicros: true,
  limitReset: true,
  periodStart: true,
  periodUsageMicros: true,
} as const;

interface SummaryRow {
  id: string;
  name: string;
  prefix: string;
  disabled: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
  limitMicros: bigint | null;
  limitReset: string | null;
  periodStart: Date;
  periodUsageMicros: bigint;
}

// Prisma's codes for a transaction that lost a race: PostgreSQL's
// serialization failure, and SQLite's "database is busy" (reported as a timeout).
const RETRYABLE_CODES = new Set(["P2034", "P1008"]);
const MAX_ATTEMPTS = 5;

export async function createApiKey(input: {
  userId: string;
  name: string;
  limitMicros?: bigint | null;
  limitReset?: LimitReset | null;
  prisma?: PrismaClient;
  now?: Date;
}): Promise<CreatedApiKey> {
  const prisma = input.prisma ?? getPrisma();
  const now = input.now ?? new Date();
  const limitReset = input.limitReset ?? null;
  const generated = generateApiKey();
  const row = await prisma.apiKey.create({
    data: {
      userId: input.userId,
      name: input.name,
      keyHash: generated.hash,
      prefix: generated.prefix,
      createdAt: now,
      limitMicros: input.limitMicros ?? null,
      limitReset,
      // A new key has spent nothing, so its counter may as well start at its period's start.
      periodStart: currentPeriodStart(limitReset, now) ?? now,
      periodUsageMicros: 0n,
    },
    select: SUMMARY_FIELDS,
  });
  return { key: toSummary(row, now), secret: generated.secret };
}

/** The user's keys, newest first. */
export async function listApiKeys(input: { userId: string; prisma?: PrismaClient; now?: Date }): Promise<ApiKeySummary[]> {
  const prisma = input.prisma ?? getPrisma();
  const now = input.now ?? new Date();
  const rows = await prisma.apiKey.findMany({
    where: { userId: input.userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: SUMMARY_FIELDS,
  });
  return rows.map((row) => toSummary(row, now));
}

/** @throws ApiKeyNotFoundError when the user has no key with this id. */
export async function getApiKey(input: { userId: string; id: string; prisma?: PrismaClient; now?: Date }): Promise<ApiKeySummary> {
  const prisma = input.prisma ?? getPrisma();
  const row = await prisma.apiKey.findFirst({ where: { id: input.id, userId: input.userId }, select: SUMMARY_FIELDS });
  if (!row) throw new ApiKeyNotFoundError(input.id);
  return toSummary(row, input.now ?? new Date());
}

/**
 * Renames, disables or enables a key and sets or clears its limit and reset
 * period, all at once. When the period changes (or a limit is set on a key
 * that had none) the counter is re-based on the key's recorded generations
 * since the new period's start: otherwise a switch from monthly to daily
 * would forget what was spent today, and one from daily to monthly what was
 * spent earlier this month. That read and the write run in one serializable
 * transaction, retried when it races a request settling on the same key.
 * @throws ApiKeyNotFoundError when the user has no key with this id.
 */
export async function updateApiKey(input: {
  userId: string;
  id: string;
  changes: ApiKeyChanges;
  prisma?: PrismaClient;
  now?: Date;
}): Promise<ApiKeySummary> {
  const prisma = input.prisma ?? getPrisma();
  const now = input.now ?? new Date();
  const { changes } = input;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const summary = await prisma.$transaction(
        async (transaction) => {
          const key = await transaction.apiKey.findFirst({
            where: { id: input.id, userId: input.userId },
            select: { createdAt: true, limitMicros: true, limitReset: true },
          });
          if (!key) throw new ApiKeyNotFoundError(input.id);

          const limitReset = changes.limitReset === undefined ? parseLimitReset(key.limitReset) : changes.limitReset;
          const limitMicros = changes.limitMicros === undefined ? key.limitMicros : changes.limitMicros;
          const rebase = limitReset !== parseLimitReset(key.limitReset) || (key.limitMicros === null && limitMicros !== null);
          let period: { periodStart: Date; periodUsageMicros: bigint } | undefined;
          if (rebase) {
            // A limit that never resets counts everything the key ever spent.
            const periodStart = currentPeriodStart(limitReset, now) ?? key.createdAt;
            const spent = await transaction.generation.aggregate({
              where: { apiKeyId: input.id, createdAt: { gte: periodStart } },
              _sum: { costMicros: true },
            });
            period = { periodStart, periodUsageMicros: spent._sum.costMicros ?? 0n };
          }

          const row = await transaction.apiKey.update({
            where: { id: input.id },
            data: {
              ...(changes.name !== undefined ? { name: changes.name } : {}),
              ...(changes.disabled !== undefined ? { disabled: changes.disabled } : {}),
              limitMicros,
              limitReset,
              ...period,
            },
            select: SUMMARY_FIELDS,
          });
          return toSummary(row, now);
        },
        { isolationLevel: "Serializable" },
      );
      // Instances cache key lookups: a disabled key or a new limit reaches them all within a second.
      await bumpCacheVersion("api-keys", prisma);
      return summary;
    } catch (error) {
      const code = prismaErrorCode(error);
      if (code !== undefined && RETRYABLE_CODES.has(code) && attempt < MAX_ATTEMPTS) {
        await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
        continue;
      }
      throw error;
    }
  }
}

/**
 * Deletes the key; its generations stay, unlinked from it, so the account's
 * history and ledger are unchanged.
 * @throws ApiKeyNotFoundError when the user has no key with this id.
 */
export async function deleteApiKey(input: { userId: string; id: string; prisma?: PrismaClient }): Promise<void> {
  const prisma = input.prisma ?? getPrisma();
  const { count } = await prisma.apiKey.deleteMany({ where: { id: input.id, userId: input.userId } });
  if (count === 0) throw new ApiKeyNotFoundError(input.id);
  await bumpCacheVersion("api-keys", prisma);
}

/**
 * What the key spent in all, this UTC day, this week (from Monday) and this
 * month, summed from its generations rather than from the limit counter,
 * which counts one period only and only since the limit was set.
 * @throws ApiKeyNotFoundError when the user has no key with this id.
 */
export async function getApiKeyUsage(input: { userId: string; id: string; prisma?: PrismaClient; now?: Date }): Promise<ApiKeyUsage> {
  const prisma = input.prisma ?? getPrisma();
  const now = input.now ?? new Date();
  const key = await prisma.apiKey.findFirst({ where: { id: input.id, userId: input.userId }, select: { id: true } });
  if (!key) throw new ApiKeyNotFoundError(input.id);

  const spentSince = async (start: Date | null) => {
    const result = await prisma.generation.aggregate({
      where: { apiKeyId: input.id, userId: input.userId, ...(start ? { createdAt: { gte: start } } : {}) },
      _sum: { costMicros: true },
    });
    return result._sum.costMicros ?? 0n;
  };
  const [totalMicros, dailyMicros, weeklyMicros, monthlyMicros] = await Promise.all([
    spentSince(null),
    spentSince(currentPeriodStart("daily", now)),
    spentSince(currentPeriodStart("weekly", now)),
    spentSince(currentPeriodStart("monthly", now)),
  ]);
  return { totalMicros, dailyMicros, weeklyMicros, monthlyMicros };
}

function toSummary(row: SummaryRow, now: Date): ApiKeySummary {
  const limitReset = parseLimitReset(row.limitReset);
  const usageMicros = effectivePeriodUsage({ limitReset, periodStart: row.periodStart, periodUsageMicros: row.periodUsageMicros }, now);
  const remainingMicros = row.limitMicros === null ? null : row.limitMicros > usageMicros ? row.limitMicros - usageMicros : 0n;
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    disabled: row.disabled,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    limitMicros: row.limitMicros,
    limitReset,
    usageMicros,
    remainingMicros,
  };
}

/** The column is a plain string; only this module and the gateway write it, with the three periods or null. */
function parseLimitReset(value: string | null): LimitReset | null {
  if (value === null) return null;
  if (!isLimitReset(value)) throw new Error(`API key has an unknown limit reset period '${value}'.`);
  return value;
}

function prismaErrorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}
