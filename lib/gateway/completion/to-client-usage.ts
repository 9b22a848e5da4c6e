import type { CostBreakdown } from "../usage/compute-cost";
import { microsToDollars, picoToDollars } from "../usage/compute-cost";
import type { TokenUsage } from "../usage/normalize-usage";

/**
 * Usage as OpenRouter reports it on every response and on the last chunk of
 * every stream: token counts with their details, and the cost in dollars.
 * @see https://openrouter.ai/docs/use-cases/usage-accounting
 */
export interface ClientUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  cost: number;
  is_byok: boolean;
  prompt_tokens_details: { cached_tokens: number; cache_write_tokens: number; audio_tokens: number };
  cost_details: {
    upstream_inference_cost: number | null;
    upstream_inference_prompt_cost: number;
    upstream_inference_completions_cost: number;
  };
  completion_tokens_details: { reasoning_tokens: number; image_tokens: number; audio_tokens: number };
}

export function toClientUsage(usage: TokenUsage, cost: CostBreakdown): ClientUsage {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
    cost: microsToDollars(cost.totalMicros),
    is_byok: false,
    prompt_tokens_details: { cached_tokens: usage.cachedTokens, cache_write_tokens: usage.cacheWriteTokens, audio_tokens: 0 },
    cost_details: {
      upstream_inference_cost: null,
      upstream_inference_prompt_cost: picoToDollars(cost.promptPico),
      upstream_inference_completions_cost: picoToDollars(cost.completionPico),
    },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens, image_tokens: 0, audio_tokens: 0 },
  };
}
