import type { OpenAIUsage } from "../chat-types";

/** Token counts of one generation, each kind counted once. */
export interface TokenUsage {
  /** All prompt tokens, cached ones included (OpenAI's convention). */
  promptTokens: number;
  /** All completion tokens, reasoning ones included. */
  completionTokens: number;
  reasoningTokens: number;
  /** Prompt tokens read from the provider's cache. */
  cachedTokens: number;
  /** Prompt tokens written to the provider's cache. */
  cacheWriteTokens: number;
}

export const ZERO_USAGE: TokenUsage = {
  promptTokens: 0,
  completionTokens: 0,
  reasoningTokens: 0,
  cachedTokens: 0,
  cacheWriteTokens: 0,
};

/** Reads OpenAI-shaped usage defensively: providers omit, null or mistype fields. */
export function normalizeUsage(usage: OpenAIUsage | null | undefined): TokenUsage | undefined {
  if (!usage) return undefined;
  return {
    promptTokens: count(usage.prompt_tokens),
    completionTokens: count(usage.completion_tokens),
    reasoningTokens: count(usage.completion_tokens_details?.reasoning_tokens),
    cachedTokens: count(usage.prompt_tokens_details?.cached_tokens),
    cacheWriteTokens: count(usage.prompt_tokens_details?.cache_write_tokens),
  };
}

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
