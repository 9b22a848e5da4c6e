import type { GenerationLogDetail, GenerationLogRow } from "@/lib/db/generation-log-queries";
import { microsToDollars } from "@/lib/gateway/usage/compute-cost";

/**
 * Output tokens per second after the first one arrived. A reply that was not
 * streamed arrives all at once (its first token is its last), so its whole
 * latency is the time it took.
 */
export function tokensPerSecond(row: Pick<GenerationLogRow, "completionTokens" | "latencyMs" | "timeToFirstTokenMs" | "streamed">): number | null {
  if (row.latencyMs === null || row.latencyMs <= 0 || row.completionTokens === 0) return null;
  const generatingMs = row.streamed ? row.latencyMs - (row.timeToFirstTokenMs ?? 0) : row.latencyMs;
  return (row.completionTokens * 1_000) / (generatingMs > 0 ? generatingMs : row.latencyMs);
}

export function toGenerationRowJson(row: GenerationLogRow) {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    model: row.model,
    requestedModel: row.requestedModel,
    providerId: row.providerId,
    providerName: row.providerName,
    apiKeyId: row.apiKeyId,
    apiKeyName: row.apiKeyName,
    promptTokens: row.promptTokens,
    completionTokens: row.completionTokens,
    reasoningTokens: row.reasoningTokens,
    cachedTokens: row.cachedTokens,
    usageEstimated: row.usageEstimated,
    cost: microsToDollars(row.costMicros),
    costMicros: row.costMicros.toString(),
    status: row.status,
    httpStatus: row.httpStatus,
    finishReason: row.finishReason,
    streamed: row.streamed,
    cancelled: row.cancelled,
    latencyMs: row.latencyMs,
    timeToFirstTokenMs: row.timeToFirstTokenMs,
    tokensPerSecond: tokensPerSecond(row),
  };
}

export function toGenerationDetailJson(detail: GenerationLogDetail) {
  return {
    ...toGenerationRowJson(detail),
    providerModel: detail.providerModel,
    upstreamId: detail.upstreamId,
    cacheWriteTokens: detail.cacheWriteTokens,
    errorMessage: detail.errorMessage,
    nativeFinishReason: detail.nativeFinishReason,
    completedAt: detail.completedAt?.toISOString() ?? null,
    byok: detail.byok,
    attempts: detail.attempts,
    content: detail.content ? { prompt: detail.content.prompt, completion: detail.content.completion, expiresAt: detail.content.expiresAt.toISOString() } : null,
  };
}

export type GenerationRowJson = ReturnType<typeof toGenerationRowJson>;
export type GenerationDetailJson = ReturnType<typeof toGenerationDetailJson>;
