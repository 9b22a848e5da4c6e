import type { OpenAIUsage } from "../../chat-types";
import type { AnthropicUsage } from "./anthropic-api";

/**
 * Anthropic's usage in OpenAI's shape. Anthropic's `input_tokens` excludes
 * cached tokens, OpenAI's `prompt_tokens` includes them: the prompt is the
 * sum of the three, with cache reads and writes each reported once in
 * `prompt_tokens_details` so the gateway prices them at their own rates.
 * @see https://docs.claude.com/en/docs/build-with-claude/prompt-caching#tracking-cache-performance
 */
export function convertAnthropicUsage(usage: AnthropicUsage): OpenAIUsage {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheWrite = usage.cache_creation_input_tokens ?? 0;
  const promptTokens = (usage.input_tokens ?? 0) + cacheRead + cacheWrite;
  const completionTokens = usage.output_tokens ?? 0;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: cacheRead, cache_write_tokens: cacheWrite },
  };
}

/**
 * A stream reports usage twice: message_start (input, cache, a first output
 * count) and message_delta (cumulative output, sometimes input again). The
 * later value wins where present.
 */
export function mergeAnthropicUsage(earlier: AnthropicUsage | undefined, later: AnthropicUsage | null | undefined): AnthropicUsage | undefined {
  if (!later) return earlier;
  const merged: AnthropicUsage = { ...earlier };
  for (const key of ["input_tokens", "output_tokens", "cache_read_input_tokens", "cache_creation_input_tokens"] as const) {
    const value = later[key];
    if (value !== null && value !== undefined) merged[key] = value;
  }
  return merged;
}
