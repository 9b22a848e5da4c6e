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

/**
 * An endpoint models.dev does not list yet, described the way models.dev
 * describes one: supported parameters follow from the provider's and these
 * flags, as they do for every other endpoint.
 */
export interface EndpointAddition {
  /** Canonical id (`vendor/model`); the key holds the provider's own id. */
  modelId: string;
  name: string;
  contextLength: number;
  maxOutputTokens: number | null;
  pricing: ModelPricing;
  toolCalls: boolean;
  reasoning: boolean;
  /** Takes images as input. */
  images: boolean;
  /** Why it is added, so the addition can be dropped once models.dev lists the endpoint. */
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
  /** Endpoints models.dev lacks; one it lists is an error here (correct it instead). */
  additions: Readonly<Record<EndpointKey, EndpointAddition>>;
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
    "openai:gpt-4o-mini": {
      pricing: { cacheReadPerMillion: 75_000 },
      reason: "models.dev 1.3.0 rounds OpenAI's $0.075/M cached input to $0.08/M",
    },
    "openai:gpt-4.1-nano": {
      pricing: { cacheReadPerMillion: 25_000 },
      reason: "models.dev 1.3.0 rounds OpenAI's $0.025/M cached input to $0.03/M",
    },
    "deepseek:deepseek-chat": {
      pricing: { promptPerMillion: 280_000, completionPerMillion: 420_000, cacheReadPerMillion: 28_000 },
      reason: "models.dev 1.3.0 has the V3.1 prices; DeepSeek's API serves V3.2 at $0.28/$0.42 (cache hit $0.028) since 2025-09-29",
    },
    "deepseek:deepseek-reasoner": {
      pricing: { promptPerMillion: 280_000, completionPerMillion: 420_000, cacheReadPerMillion: 28_000 },
      reason: "models.dev 1.3.0 has the V3.1 prices; DeepSeek's API serves V3.2 at $0.28/$0.42 (cache hit $0.028) since 2025-09-29",
    },
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
  additions: {
    "anthropic:claude-sonnet-4-5": {
      modelId: "anthropic/claude-sonnet-4.5",
      name: "Claude Sonnet 4.5",
      contextLength: 200_000,
      maxOutputTokens: 64_000,
      pricing: { promptPerMillion: 3_000_000, completionPerMillion: 15_000_000, cacheReadPerMillion: 300_000, cacheWritePerMillion: 3_750_000 },
      toolCalls: true,
      reasoning: true,
      images: true,
      reason: "models.dev 1.3.0 predates Claude Sonnet 4.5",
    },
    "anthropic:claude-haiku-4-5": {
      modelId: "anthropic/claude-haiku-4.5",
      name: "Claude Haiku 4.5",
      contextLength: 200_000,
      maxOutputTokens: 64_000,
      pricing: { promptPerMillion: 1_000_000, completionPerMillion: 5_000_000, cacheReadPerMillion: 100_000, cacheWritePerMillion: 1_250_000 },
      toolCalls: true,
      reasoning: true,
      images: true,
      reason: "models.dev 1.3.0 predates Claude Haiku 4.5",
    },
    "openrouter:anthropic/claude-sonnet-4.5": {
      modelId: "anthropic/claude-sonnet-4.5",
      name: "Claude Sonnet 4.5",
      contextLength: 200_000,
      maxOutputTokens: 64_000,
      pricing: { promptPerMillion: 3_000_000, completionPerMillion: 15_000_000, cacheReadPerMillion: 300_000, cacheWritePerMillion: 3_750_000 },
      toolCalls: true,
      reasoning: true,
      images: true,
      reason: "models.dev 1.3.0 predates Claude Sonnet 4.5; OpenRouter passes Anthropic's prices through",
    },
    "openrouter:meta-llama/llama-3.3-70b-instruct": {
      modelId: "meta-llama/llama-3.3-70b-instruct",
      name: "Llama 3.3 70B Instruct",
      contextLength: 131_072,
      maxOutputTokens: null,
      pricing: { promptPerMillion: 130_000, completionPerMillion: 390_000 },
      toolCalls: true,
      reasoning: false,
      images: false,
      reason: "models.dev 1.3.0 lists only the free variant of Llama 3.3 70B on OpenRouter",
    },
    "together:meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo": {
      modelId: "meta-llama/llama-3.1-8b-instruct",
      name: "Llama 3.1 8B Instruct",
      contextLength: 131_072,
      maxOutputTokens: null,
      pricing: { promptPerMillion: 180_000, completionPerMillion: 180_000 },
      toolCalls: true,
      reasoning: false,
      images: false,
      reason: "models.dev 1.3.0 does not list Together's Llama 3.1 8B Turbo",
    },
    "fireworks:accounts/fireworks/models/llama-v3p3-70b-instruct": {
      modelId: "meta-llama/llama-3.3-70b-instruct",
      name: "Llama 3.3 70B Instruct",
      contextLength: 131_072,
      maxOutputTokens: null,
      pricing: { promptPerMillion: 900_000, completionPerMillion: 900_000 },
      toolCalls: true,
      reasoning: false,
      images: false,
      reason: "models.dev 1.3.0 does not list Fireworks' Llama 3.3 70B",
    },
    "fireworks:accounts/fireworks/models/llama-v3p1-8b-instruct": {
      modelId: "meta-llama/llama-3.1-8b-instruct",
      name: "Llama 3.1 8B Instruct",
      contextLength: 131_072,
      maxOutputTokens: null,
      pricing: { promptPerMillion: 200_000, completionPerMillion: 200_000 },
      toolCalls: true,
      reasoning: false,
      images: false,
      reason: "models.dev 1.3.0 does not list Fireworks' Llama 3.1 8B",
    },
  },
  names: {
    // Hosts name these after their own variant ("Versatile", "Instant").
    "meta-llama/llama-3.3-70b-instruct": "Llama 3.3 70B Instruct",
    "meta-llama/llama-3.1-8b-instruct": "Llama 3.1 8B Instruct",
  },
};
