import type { GenerationRecord } from "../store";
import { microsToDollars } from "../usage/compute-cost";

/**
 * A recorded generation as OpenRouter's `GET /api/v1/generation` returns it
 * (the `data` object), with Switchyard's own fields appended.
 * @see https://openrouter.ai/docs/api-reference/get-a-generation
 */
export function toOpenRouterGeneration(record: GenerationRecord) {
  const cost = microsToDollars(record.costMicros);
  return {
    id: record.id,
    upstream_id: record.upstreamId,
    total_cost: cost,
    cache_discount: null,
    upstream_inference_cost: null,
    created_at: record.createdAt.toISOString(),
    model: record.model,
    app_id: null,
    streamed: record.streamed,
    cancelled: record.cancelled,
    provider_name: record.providerName,
    latency: record.latencyMs,
    moderation_latency: null,
    generation_time: record.timeToFirstTokenMs === null ? null : Math.max(0, record.latencyMs - record.timeToFirstTokenMs),
    finish_reason: record.finishReason,
    native_finish_reason: record.nativeFinishReason,
    tokens_prompt: record.usage.promptTokens,
    tokens_completion: record.usage.completionTokens,
    native_tokens_prompt: record.usage.promptTokens,
    native_tokens_completion: record.usage.completionTokens,
    native_tokens_completion_images: 0,
    native_tokens_reasoning: record.usage.reasoningTokens,
    native_tokens_cached: record.usage.cachedTokens,
    num_media_prompt: null,
    num_input_audio_prompt: null,
    num_media_completion: 0,
    num_search_results: null,
    origin: "",
    usage: cost,
    is_byok: record.byok,
    external_user: null,
    api_type: "completions",
    router: null,
    // Every provider tried, the failed ones first, as OpenRouter lists them.
    provider_responses: [
      ...record.attempts.map((attempt) => ({ provider_name: attempt.providerId, model: attempt.model, status: attempt.status, latency: attempt.latencyMs, error: attempt.error })),
      { provider_name: record.providerName, model: record.model, status: record.httpStatus, latency: record.latencyMs },
    ],
    // Switchyard's additions.
    requested_model: record.requestedModel,
    provider_id: record.providerId,
    status: record.status,
    error_message: record.errorMessage,
    time_to_first_token: record.timeToFirstTokenMs,
    usage_estimated: record.usageEstimated,
    native_tokens_cache_write: record.usage.cacheWriteTokens,
    cost_micros: record.costMicros.toString(),
  };
}
