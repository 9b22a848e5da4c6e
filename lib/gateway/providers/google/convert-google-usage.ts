import type { OpenAIUsage } from "../../chat-types";
import type { GoogleUsageMetadata } from "./google-api";

/**
 * Gemini's usageMetadata as OpenAI usage. promptTokenCount already includes
 * the cached tokens, and thinking tokens are billed as output, so they join
 * the completion count and are reported again as reasoning tokens.
 * @see https://ai.google.dev/api/generate-content#UsageMetadata
 */
export function convertGoogleUsage(usage: GoogleUsageMetadata | null | undefined): OpenAIUsage {
  const promptTokens = usage?.promptTokenCount ?? 0;
  const thoughtsTokens = usage?.thoughtsTokenCount ?? 0;
  const completionTokens = (usage?.candidatesTokenCount ?? 0) + thoughtsTokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: usage?.cachedContentTokenCount ?? 0 },
    completion_tokens_details: { reasoning_tokens: thoughtsTokens },
  };
}
