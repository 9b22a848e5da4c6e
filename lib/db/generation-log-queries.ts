import "server-only";
import { z } from "zod";
import { getPrisma, type PrismaClient } from "./client";

/**
 * One user's request log: their generations newest first, filtered and paged
 * by cursor, and one generation in full. Every query is scoped by the owner's
 * id; another user's generation is reported as missing.
 */

export class GenerationNotFoundError extends Error {
  constructor() {
    super("Generation not found.");
  }
}

export interface GenerationFilters {
  model?: string;
  providerId?: string;
  apiKeyId?: string;
  status?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

export interface GenerationLogRow {
  id: string;
  createdAt: Date;
  model: string;
  requestedModel: string;
  providerId: string;
  providerName: string;
  apiKeyId: string | null;
  apiKeyName: string | null;
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  cachedTokens: number;
  usageEstimated: boolean;
  costMicros: bigint;
  status: string;
  httpStatus: number | null;
  finishReason: string | null;
  streamed: boolean;
  cancelled: boolean;
  latencyMs: number | null;
  timeToFirstTokenMs: number | null;
}

export interface GenerationAttemptDetail {
  providerId: string;
  model: string;
  status: number | null;
  latencyMs: number | null;
  error: string | null;
}

export interface GenerationLogDetail extends GenerationLogRow {
  providerModel: string;
  upstreamId: string | null;
  cacheWriteTokens: number;
  errorMessage: string | null;
  nativeFinishReason: string | null;
  completedAt: Date | null;
  byok: boolean;
  attempts: GenerationAttemptDetail[];
  /** The prompt and reply, kept only while the user logs prompts and until they expire. */
  content: { prompt: string; completion: string; expiresAt: Date } | null;
}

export interface GenerationPage {
  items: GenerationLogRow[];
  /** Pass back as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

export interface GenerationFilterOptions {
  models: string[];
  providers: Array<{ id: string; name: string }>;
  apiKeys: Array<{ id: string; name: string }>;
}

type Database = PrismaClient;

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

const rowSelect = {
  id: true,
  createdAt: true,
  model: true,
  requestedModel: true,
  providerId: true,
  providerName: true,
  apiKeyId: true,
  apiKey: { select: { name: true } },
  promptTokens: true,
  completionTokens: true,
  reasoningTokens: true,
  cachedTokens: true,
  usageEstimated: true,
  costMicros: true,
  status: true,
  httpStatus: true,
  finishReason: true,
  streamed: true,
  cancelled: true,
  latencyMs: true,
  timeToFirstTokenMs: true,
} as const;

export async function listGenerations(input: {
  userId: string;
  filters?: GenerationFilters;
  cursor?: string;
  limit?: number;
  prisma?: Database;
}): Promise<GenerationPage> {
  const prisma = input.prisma ?? getPrisma();
  const filters = input.filters ?? {};
  const limit = Math.min(Math.max(1, input.limit ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
  const createdAt = filters.from || filters.to ? { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lt: filters.to } : {}) } : undefined;
  const where = {
    userId: input.userId,
    ...(filters.model ? { model: filters.model } : {}),
    ...(filters.providerId ? { providerId: filters.providerId } : {}),
    ...(filters.apiKeyId ? { apiKeyId: filters.apiKeyId } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(createdAt ? { createdAt } : {}),
  };
  // A cursor that is not one of this user's generations would page through
  // from someone else's position; treat it as the start instead of leaking order.
  const cursorOwned = input.cursor ? (await prisma.generation.count({ where: { id: input.cursor, userId: input.userId } })) > 0 : false;
  const rows = await prisma.generation.findMany({
    where,
    // The id breaks ties between generations recorded in the same millisecond, so pages never overlap.
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...(cursorOwned && input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    take: limit + 1,
    select: rowSelect,
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map(toLogRow),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}

export async function getGenerationDetail(input: { userId: string; id: string; now?: Date; prisma?: Database }): Promise<GenerationLogDetail> {
  const prisma = input.prisma ?? getPrisma();
  const row = await prisma.generation.findFirst({
    where: { id: input.id, userId: input.userId },
    select: {
      ...rowSelect,
      providerModel: true,
      upstreamId: true,
      cacheWriteTokens: true,
      errorMessage: true,
      nativeFinishReason: true,
      completedAt: true,
      byok: true,
      attempts: true,
      content: { select: { prompt: true, completion: true, expiresAt: true, userId: true } },
    },
  });
  if (!row) throw new GenerationNotFoundError();
  const now = input.now ?? new Date();
  const content = row.content && row.content.userId === input.userId && row.content.expiresAt > now ? row.content : null;
  return {
    ...toLogRow(row),
    providerModel: row.providerModel,
    upstreamId: row.upstreamId,
    cacheWriteTokens: row.cacheWriteTokens,
    errorMessage: row.errorMessage,
    nativeFinishReason: row.nativeFinishReason,
    completedAt: row.completedAt,
    byok: row.byok,
    attempts: parseAttempts(row.attempts),
    content: content ? { prompt: content.prompt, completion: content.completion, expiresAt: content.expiresAt } : null,
  };
}

/** The distinct models, providers and keys of the user's generations, for the log's filter menus. */
export async function listGenerationFilterOptions(input: { userId: string; prisma?: Database }): Promise<GenerationFilterOptions> {
  const prisma = input.prisma ?? getPrisma();
  const where = { userId: input.userId };
  const [models, providers, keys] = await Promise.all([
    prisma.generation.groupBy({ by: ["model"], where, orderBy: { model: "asc" } }),
    prisma.generation.groupBy({ by: ["providerId", "providerName"], where, orderBy: { providerName: "asc" } }),
    // Keys are listed even before they are used, so a filter can be set up ahead.
    prisma.apiKey.findMany({ where, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const seenProviders = new Set<string>();
  return {
    models: models.map((row) => row.model),
    // A provider renamed between releases appears once, under its first name.
    providers: providers.filter((row) => !seenProviders.has(row.providerId) && seenProviders.add(row.providerId)).map((row) => ({ id: row.providerId, name: row.providerName })),
    apiKeys: keys,
  };
}

const attemptSchema = z.object({
  providerId: z.string().catch("unknown"),
  model: z.string().catch(""),
  status: z.number().nullish().catch(null).transform((value) => value ?? null),
  latencyMs: z.number().nullish().catch(null).transform((value) => value ?? null),
  error: z.string().nullish().catch(null).transform((value) => value ?? null),
});

/** The stored JSON is ours, but an old or hand-edited row must not break the page: bad entries are skipped. */
export function parseAttempts(raw: string): GenerationAttemptDetail[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(decoded)) return [];
  return decoded.flatMap((entry) => {
    const parsed = attemptSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

type SelectedRow = Omit<GenerationLogRow, "apiKeyName"> & { apiKey: { name: string } | null };

function toLogRow(row: SelectedRow): GenerationLogRow {
  return {
    id: row.id,
    createdAt: row.createdAt,
    model: row.model,
    requestedModel: row.requestedModel,
    providerId: row.providerId,
    providerName: row.providerName,
    apiKeyId: row.apiKeyId,
    apiKeyName: row.apiKey?.name ?? null,
    promptTokens: row.promptTokens,
    completionTokens: row.completionTokens,
    reasoningTokens: row.reasoningTokens,
    cachedTokens: row.cachedTokens,
    usageEstimated: row.usageEstimated,
    costMicros: row.costMicros,
    status: row.status,
    httpStatus: row.httpStatus,
    finishReason: row.finishReason,
    streamed: row.streamed,
    cancelled: row.cancelled,
    latencyMs: row.latencyMs,
    timeToFirstTokenMs: row.timeToFirstTokenMs,
  };
}
