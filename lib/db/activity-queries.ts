import "server-only";
import { getPrisma, type PrismaClient } from "./client";

/**
 * One user's usage over a date range [from, to): totals, breakdowns by model,
 * provider and API key, and a series of equal time buckets for the charts.
 *
 * Breakdowns and totals are summed by the database with `groupBy`. Buckets
 * are summed here, over a minimal column set read in pages: SQLite and
 * PostgreSQL share no expression that truncates a timestamp, and doing it in
 * TypeScript keeps one code path, correct on both, with the bucket edges
 * shifted to the caller's time zone.
 */

export type Granularity = "hour" | "day";

export interface UsageTotals {
  spendMicros: bigint;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  cachedTokens: number;
  /** Sum and count of recorded latencies, so averages can be combined. */
  latencyMsTotal: number;
  latencyCount: number;
}

export interface UsageGroup extends UsageTotals {
  /** Model id, provider name or API key id (null: the chatroom, which uses no key). */
  id: string | null;
  label: string;
}

export interface UsageBucket {
  start: Date;
  totals: UsageTotals;
  /** Keyed by model id. */
  byModel: Record<string, UsageTotals>;
  /** Keyed by provider name. */
  byProvider: Record<string, UsageTotals>;
}

export interface Activity {
  from: Date;
  to: Date;
  granularity: Granularity;
  totals: UsageTotals;
  byModel: UsageGroup[];
  byProvider: UsageGroup[];
  byApiKey: UsageGroup[];
  buckets: UsageBucket[];
}

export const BUCKET_MILLISECONDS: Record<Granularity, number> = { hour: 3_600_000, day: 86_400_000 };
/** More buckets than this makes bars thinner than a pixel and a scan of the whole history. */
export const MAX_BUCKETS = 24 * 62;
export const NO_KEY_LABEL = "Chatroom (no API key)";
const PAGE_SIZE = 5_000;

export class ActivityRangeError extends Error {}

type Database = PrismaClient;

export function emptyTotals(): UsageTotals {
  return { spendMicros: 0n, requests: 0, promptTokens: 0, completionTokens: 0, reasoningTokens: 0, cachedTokens: 0, latencyMsTotal: 0, latencyCount: 0 };
}

/**
 * The start of the bucket holding `time`; `offsetMinutes` is the caller's
 * UTC offset (east positive), so a "day" starts at the caller's midnight.
 */
export function bucketStart(input: { time: Date; granularity: Granularity; offsetMinutes: number }): Date {
  const size = BUCKET_MILLISECONDS[input.granularity];
  const shift = input.offsetMinutes * 60_000;
  return new Date(Math.floor((input.time.getTime() + shift) / size) * size - shift);
}

export async function getActivity(input: {
  userId: string;
  from: Date;
  to: Date;
  granularity: Granularity;
  offsetMinutes?: number;
  /** Rows read per round trip while bucketing; tests make it small to cross pages. */
  pageSize?: number;
  prisma?: Database;
}): Promise<Activity> {
  const prisma = input.prisma ?? getPrisma();
  const offsetMinutes = input.offsetMinutes ?? 0;
  if (!(input.from < input.to)) throw new ActivityRangeError("`from` must be before `to`.");
  const firstBucket = bucketStart({ time: input.from, granularity: input.granularity, offsetMinutes });
  const bucketCount = Math.ceil((input.to.getTime() - firstBucket.getTime()) / BUCKET_MILLISECONDS[input.granularity]);
  if (bucketCount > MAX_BUCKETS) {
    throw new ActivityRangeError(`The range holds ${bucketCount} ${input.granularity}s; at most ${MAX_BUCKETS} fit. Pick a shorter range or a coarser granularity.`);
  }

  const where = { userId: input.userId, createdAt: { gte: input.from, lt: input.to } };
  const aggregates = {
    _count: { _all: true, latencyMs: true },
    _sum: { costMicros: true, promptTokens: true, completionTokens: true, reasoningTokens: true, cachedTokens: true, latencyMs: true },
  } as const;
  const [byModelRows, byProviderRows, byKeyRows] = await Promise.all([
    prisma.generation.groupBy({ by: ["model"], where, ...aggregates }),
    prisma.generation.groupBy({ by: ["providerName"], where, ...aggregates }),
    prisma.generation.groupBy({ by: ["apiKeyId"], where, ...aggregates }),
  ]);
  const keyIds = byKeyRows.map((row) => row.apiKeyId).filter((id): id is string => id !== null);
  const keys = keyIds.length
    ? await prisma.apiKey.findMany({ where: { userId: input.userId, id: { in: keyIds } }, select: { id: true, name: true } })
    : [];
  const keyNames = new Map(keys.map((key) => [key.id, key.name]));

  const byModel = sortBySpend(byModelRows.map((row) => ({ id: row.model, label: row.model, ...fromAggregate(row) })));
  const byProvider = sortBySpend(byProviderRows.map((row) => ({ id: row.providerName, label: row.providerName, ...fromAggregate(row) })));
  const byApiKey = sortBySpend(
    byKeyRows.map((row) => ({
      id: row.apiKeyId,
      // A deleted key's generations keep no key id (SetNull), so they join the chatroom's row.
      label: row.apiKeyId === null ? NO_KEY_LABEL : (keyNames.get(row.apiKeyId) ?? "Deleted key"),
      ...fromAggregate(row),
    })),
  );
  const totals = byModel.reduce((sum, group) => addTotals(sum, group), emptyTotals());

  const buckets: UsageBucket[] = Array.from({ length: bucketCount }, (_, index) => ({
    start: new Date(firstBucket.getTime() + index * BUCKET_MILLISECONDS[input.granularity]),
    totals: emptyTotals(),
    byModel: {},
    byProvider: {},
  }));
  if (totals.requests > 0) {
    await scanIntoBuckets({ prisma, where, buckets, firstBucket, granularity: input.granularity, pageSize: input.pageSize ?? PAGE_SIZE });
  }

  return { from: input.from, to: input.to, granularity: input.granularity, totals, byModel, byProvider, byApiKey, buckets };
}

interface AggregateRow {
  _count: { _all: number; latencyMs: number };
  _sum: {
    costMicros: bigint | null;
    promptTokens: number | null;
    completionTokens: number | null;
    reasoningTokens: number | null;
    cachedTokens: number | null;
    latencyMs: number | null;
  };
}

function fromAggregate(row: AggregateRow): UsageTotals {
  return {
    // PostgreSQL's SUM of a BIGINT is a NUMERIC, which the adapter may hand back as another type.
    spendMicros: BigInt(row._sum.costMicros ?? 0),
    requests: row._count._all,
    promptTokens: Number(row._sum.promptTokens ?? 0),
    completionTokens: Number(row._sum.completionTokens ?? 0),
    reasoningTokens: Number(row._sum.reasoningTokens ?? 0),
    cachedTokens: Number(row._sum.cachedTokens ?? 0),
    latencyMsTotal: Number(row._sum.latencyMs ?? 0),
    latencyCount: row._count.latencyMs,
  };
}

function addTotals(target: UsageTotals, source: UsageTotals): UsageTotals {
  target.spendMicros += source.spendMicros;
  target.requests += source.requests;
  target.promptTokens += source.promptTokens;
  target.completionTokens += source.completionTokens;
  target.reasoningTokens += source.reasoningTokens;
  target.cachedTokens += source.cachedTokens;
  target.latencyMsTotal += source.latencyMsTotal;
  target.latencyCount += source.latencyCount;
  return target;
}

function sortBySpend(groups: UsageGroup[]): UsageGroup[] {
  return groups.sort((a, b) => (a.spendMicros === b.spendMicros ? b.requests - a.requests : a.spendMicros > b.spendMicros ? -1 : 1));
}

async function scanIntoBuckets(input: {
  prisma: Database;
  where: { userId: string; createdAt: { gte: Date; lt: Date } };
  buckets: UsageBucket[];
  firstBucket: Date;
  granularity: Granularity;
  pageSize: number;
}): Promise<void> {
  const size = BUCKET_MILLISECONDS[input.granularity];
  let cursor: string | undefined;
  for (;;) {
    const rows = await input.prisma.generation.findMany({
      where: input.where,
      orderBy: { id: "asc" },
      ...(cursor === undefined ? {} : { cursor: { id: cursor }, skip: 1 }),
      take: input.pageSize,
      select: {
        id: true,
        createdAt: true,
        model: true,
        providerName: true,
        costMicros: true,
        promptTokens: true,
        completionTokens: true,
        reasoningTokens: true,
        cachedTokens: true,
        latencyMs: true,
      },
    });
    for (const row of rows) {
      const bucket = input.buckets[Math.floor((row.createdAt.getTime() - input.firstBucket.getTime()) / size)];
      if (!bucket) continue;
      const usage: UsageTotals = {
        spendMicros: row.costMicros,
        requests: 1,
        promptTokens: row.promptTokens,
        completionTokens: row.completionTokens,
        reasoningTokens: row.reasoningTokens,
        cachedTokens: row.cachedTokens,
        latencyMsTotal: row.latencyMs ?? 0,
        latencyCount: row.latencyMs === null ? 0 : 1,
      };
      addTotals(bucket.totals, usage);
      addTotals((bucket.byModel[row.model] ??= emptyTotals()), usage);
      addTotals((bucket.byProvider[row.providerName] ??= emptyTotals()), usage);
    }
    const last = rows.at(-1);
    if (rows.length < input.pageSize || !last) return;
    cursor = last.id;
  }
}
