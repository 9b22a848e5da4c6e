import type { ModelPricing } from "../../providers/provider";

/** One endpoint, by our provider id and the provider's own model id. */
export type EndpointKey = `${string}:${string}`;

export interface EndpointCorrection {
  /** Replaces these price fields; `null` removes an optional one. */
  pricing?: { [Field in keyof ModelPricing]?: ModelPricing[Field] | null };
  contextLength?: number;
  maxOutputTokens?: number | null;
  /** Why the data is wrong, so the correction can be dropped once upstream fixes it. */
  reason: string;
}

export interface CatalogOverrides {
  /**
   * Canonical ids for endpoints whose models.dev id does not map to the id
   * other providers' entries of the same model get (Groq's "versatile" Llama
   * is Together's "Turbo" Llama is meta-llama/llama-3.3-70b-instruct).
   */
  aliases: Readonly<Record<EndpointKey, string>>;
  corrections: Readonly<Record<EndpointKey, EndpointCorrection>>;
  /** Display names where the first-party name is missing or misleading. */
  names: Readonly<Record<string, string>>;
}

export const catalogOverrides: CatalogOverrides = {
  aliases: {
    // Meta's Llama, under each host's name for it.
    "groq:llama-3.3-70b-versatile": "meta-llama/llama-3.3-70b-instruct",
    "together:meta-llama/Llama-3.3-70B-Instruct-Turbo": "meta-llama/llama-3.3-70b-instruct",
    "groq:llama-3.1-8b-instant": "meta-llama/llama-3.1-8b-instruct",
    "groq:llama3-70b-8192": "meta-llama/llama-3-70b-instruct",
    "groq:llama3-8b-8192": "meta-llama/llama-3-8b-instruct",
    "groq:meta-llama/llama-4-maverick-17b-128e-instruct": "meta-llama/llama-4-maverick",
    "groq:meta-llama/llama-4-scout-17b-16e-instruct": "meta-llama/llama-4-scout",
    "groq:meta-llama/llama-guard-4-12b": "meta-llama/llama-guard-4-12b",
    "groq:llama-guard-3-8b": "meta-llama/llama-guard-3-8b",
    "groq:gemma2-9b-it": "google/gemma-2-9b-it",
    // Kimi K2: OpenRouter drops "-instruct".
    "groq:moonshotai/kimi-k2-instruct": "moonshotai/kimi-k2",
    "groq:moonshotai/kimi-k2-instruct-0905": "moonshotai/kimi-k2-0905",
    "together:moonshotai/Kimi-K2-Instruct": "moonshotai/kimi-k2",
    "fireworks:accounts/fireworks/models/kimi-k2-instruct": "moonshotai/kimi-k2",
    // Qwen.
    "groq:qwen-qwq-32b": "qwen/qwq-32b",
    "together:Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8": "qwen/qwen3-coder",
    "fireworks:accounts/fireworks/models/qwen3-coder-480b-a35b-instruct": "qwen/qwen3-coder",
    // DeepSeek: OpenRouter calls V3 "deepseek-chat".
    "together:deepseek-ai/DeepSeek-V3": "deepseek/deepseek-chat",
    "fireworks:accounts/fireworks/models/deepseek-v3-0324": "deepseek/deepseek-chat-v3-0324",
    "fireworks:accounts/fireworks/models/deepseek-v3p1": "deepseek/deepseek-chat-v3.1",
    // First-party ids that differ from OpenRouter's.
    "anthropic:claude-3-5-sonnet-20240620": "anthropic/claude-3.5-sonnet-20240620",
    "openai:gpt-5-chat-latest": "openai/gpt-5-chat",
    "google-ai-studio:gemini-2.0-flash": "google/gemini-2.0-flash-001",
    "mistral:mistral-small-latest": "mistralai/mistral-small",
    "mistral:mistral-large-latest": "mistralai/mistral-large",
    "mistral:mistral-medium-2505": "mistralai/mistral-medium-3",
    "mistral:mistral-medium-2508": "mistralai/mistral-medium-3.1",
    "mistral:codestral-latest": "mistralai/codestral",
    "mistral:open-mistral-7b": "mistralai/mistral-7b-instruct",
    "mistral:open-mixtral-8x7b": "mistralai/mixtral-8x7b-instruct",
    "mistral:open-mixtral-8x22b": "mistralai/mixtral-8x22b-instruct",
  },
  corrections: {
    "openrouter:anthropic/claude-3.7-sonnet": {
      pricing: { promptPerMillion: 3_000_000, completionPerMillion: 15_000_000, cacheReadPerMillion: 300_000, cacheWritePerMillion: 3_750_000 },
      maxOutputTokens: 64_000,
      reason: "models.dev 1.3.0 lists Claude Opus prices and limits for Sonnet 3.7 on OpenRouter",
    },
    "openai:gpt-3.5-turbo": {
      pricing: { cacheReadPerMillion: null },
      reason: "models.dev 1.3.0 gives a cache-read price above the input price; GPT-3.5 Turbo has no cached-input discount",
    },
  },
  names: {
    // Hosts name these after their own variant ("Versatile", "Instant").
    "meta-llama/llama-3.3-70b-instruct": "Llama 3.3 70B Instruct",
    "meta-llama/llama-3.1-8b-instruct": "Llama 3.1 8B Instruct",
  },
};
