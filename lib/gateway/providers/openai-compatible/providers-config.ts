import type { ProviderEnvName } from "../../../env";
import type { ModelPricing, ProviderAdapter, ProviderModel } from "../provider";
import { createOpenAICompatibleAdapter } from "./openai-compatible-adapter";

/**
 * Every upstream reached through the OpenAI-compatible adapter, as data.
 * Adding one is an entry here (and its env name in lib/env.ts). The model
 * lists are a hand-kept starting point with public list prices; a generated
 * catalog replaces them later.
 */
export interface OpenAICompatibleProviderConfig {
  /** Lower-case id, OpenRouter's provider slug where there is one. */
  id: string;
  /** `<envName>_API_KEY` switches the provider on, `<envName>_BASE_URL` moves it. */
  envName: ProviderEnvName;
  name: string;
  /** What `<envName>_BASE_URL` holds when unset. */
  defaultBaseUrl: string;
  /** How the upstream takes OpenRouter's `reasoning` object (see the adapter). */
  reasoning?: "object" | "effort";
  models: ProviderModel[];
}

export interface ProviderSettings {
  apiKey: string;
  /** `<envName>_BASE_URL` as configured, if it is. */
  baseUrl: string | undefined;
}

export function resolveBaseUrl(provider: OpenAICompatibleProviderConfig, configured: string | undefined): string {
  return (configured ?? provider.defaultBaseUrl).replace(/\/+$/, "");
}

export function createOpenAICompatibleProvider(provider: OpenAICompatibleProviderConfig, settings: ProviderSettings): ProviderAdapter {
  const models = provider.models;
  return createOpenAICompatibleAdapter({
    id: provider.id,
    name: provider.name,
    baseUrl: resolveBaseUrl(provider, settings.baseUrl),
    apiKey: settings.apiKey,
    reasoning: provider.reasoning,
    listModels: async () => models,
  });
}

// OpenRouter's `supported_parameters` names, per family of upstream.
const SAMPLING = ["max_tokens", "temperature", "top_p", "stop"];
const PENALTIES = ["frequency_penalty", "presence_penalty"];
const TOOLS = ["tools", "tool_choice"];
const OPENAI_PARAMETERS = [
  ...TOOLS,
  "parallel_tool_calls",
  ...SAMPLING,
  ...PENALTIES,
  "seed",
  "logit_bias",
  "logprobs",
  "top_logprobs",
  "response_format",
  "structured_outputs",
];
const OPEN_WEIGHTS_PARAMETERS = [...TOOLS, ...SAMPLING, ...PENALTIES, "seed", "response_format"];
const MISTRAL_PARAMETERS = [...TOOLS, ...SAMPLING, ...PENALTIES, "seed", "response_format", "structured_outputs"];
const DEEPSEEK_PARAMETERS = [...TOOLS, ...SAMPLING, ...PENALTIES, "response_format", "logprobs", "top_logprobs"];
// xAI's reasoning models (Grok 3 Mini, Grok 4) reject penalties and stop.
const GROK_MINI_PARAMETERS = [...TOOLS, "max_tokens", "temperature", "top_p", "seed", "logprobs", "top_logprobs", "response_format", "structured_outputs"];
const GROK_PARAMETERS = [...GROK_MINI_PARAMETERS, "stop", ...PENALTIES];
const ANTHROPIC_COMPATIBLE_PARAMETERS = [...TOOLS, ...SAMPLING];
const GEMINI_COMPATIBLE_PARAMETERS = [...TOOLS, ...SAMPLING, "seed", "response_format", "structured_outputs"];

interface ModelEntry {
  id: string;
  providerModelId: string;
  name: string;
  contextLength: number;
  maxOutputTokens: number | null;
  pricing: ModelPricing;
  supportedParameters: string[];
  images?: boolean;
}

function model(entry: ModelEntry): ProviderModel {
  const { images, ...rest } = entry;
  return { ...rest, inputModalities: images ? ["text", "image"] : ["text"] };
}

/** Prices are micro-dollars per million tokens: $0.15/M is 150_000. */
function price(promptPerMillion: number, completionPerMillion: number, cache: { read?: number; write?: number } = {}): ModelPricing {
  return {
    promptPerMillion,
    completionPerMillion,
    ...(cache.read === undefined ? {} : { cacheReadPerMillion: cache.read }),
    ...(cache.write === undefined ? {} : { cacheWritePerMillion: cache.write }),
  };
}

const gpt4oMini = model({
  id: "openai/gpt-4o-mini",
  providerModelId: "gpt-4o-mini",
  name: "OpenAI: GPT-4o-mini",
  contextLength: 128_000,
  maxOutputTokens: 16_384,
  pricing: price(150_000, 600_000, { read: 75_000 }),
  supportedParameters: OPENAI_PARAMETERS,
  images: true,
});

const gpt41Mini = model({
  id: "openai/gpt-4.1-mini",
  providerModelId: "gpt-4.1-mini",
  name: "OpenAI: GPT-4.1 Mini",
  contextLength: 1_047_576,
  maxOutputTokens: 32_768,
  pricing: price(400_000, 1_600_000, { read: 100_000 }),
  supportedParameters: OPENAI_PARAMETERS,
  images: true,
});

const claudeSonnet45 = model({
  id: "anthropic/claude-sonnet-4.5",
  providerModelId: "claude-sonnet-4-5",
  name: "Anthropic: Claude Sonnet 4.5",
  contextLength: 200_000,
  maxOutputTokens: 64_000,
  pricing: price(3_000_000, 15_000_000, { read: 300_000, write: 3_750_000 }),
  supportedParameters: ANTHROPIC_COMPATIBLE_PARAMETERS,
  images: true,
});

// Gemini 2.5 prices are for prompts up to 200k tokens; longer ones cost
// more, which a flat price cannot say (the generated catalog will).
const gemini25Flash = model({
  id: "google/gemini-2.5-flash",
  providerModelId: "gemini-2.5-flash",
  name: "Google: Gemini 2.5 Flash",
  contextLength: 1_048_576,
  maxOutputTokens: 65_536,
  pricing: price(300_000, 2_500_000, { read: 30_000 }),
  supportedParameters: GEMINI_COMPATIBLE_PARAMETERS,
  images: true,
});

const llama33Name = "Meta: Llama 3.3 70B Instruct";
const llama31Name = "Meta: Llama 3.1 8B Instruct";

/** Lower-case provider ids follow OpenRouter's provider slugs so `provider.order` works unchanged. */
export const openAICompatibleProviders: readonly OpenAICompatibleProviderConfig[] = [
  {
    id: "openai",
    envName: "OPENAI",
    name: "OpenAI",
    defaultBaseUrl: "https://api.openai.com/v1",
    models: [
      gpt4oMini,
      model({
        id: "openai/gpt-4o",
        providerModelId: "gpt-4o",
        name: "OpenAI: GPT-4o",
        contextLength: 128_000,
        maxOutputTokens: 16_384,
        pricing: price(2_500_000, 10_000_000, { read: 1_250_000 }),
        supportedParameters: OPENAI_PARAMETERS,
        images: true,
      }),
      model({
        id: "openai/gpt-4.1",
        providerModelId: "gpt-4.1",
        name: "OpenAI: GPT-4.1",
        contextLength: 1_047_576,
        maxOutputTokens: 32_768,
        pricing: price(2_000_000, 8_000_000, { read: 500_000 }),
        supportedParameters: OPENAI_PARAMETERS,
        images: true,
      }),
      gpt41Mini,
      model({
        id: "openai/gpt-4.1-nano",
        providerModelId: "gpt-4.1-nano",
        name: "OpenAI: GPT-4.1 Nano",
        contextLength: 1_047_576,
        maxOutputTokens: 32_768,
        pricing: price(100_000, 400_000, { read: 25_000 }),
        supportedParameters: OPENAI_PARAMETERS,
        images: true,
      }),
    ],
  },
  {
    id: "anthropic",
    envName: "ANTHROPIC",
    name: "Anthropic",
    defaultBaseUrl: "https://api.anthropic.com",
    // Served by the native Messages adapter (../anthropic); the base URL is an origin.
    models: [
      claudeSonnet45,
      model({
        id: "anthropic/claude-haiku-4.5",
        providerModelId: "claude-haiku-4-5",
        name: "Anthropic: Claude Haiku 4.5",
        contextLength: 200_000,
        maxOutputTokens: 64_000,
        pricing: price(1_000_000, 5_000_000, { read: 100_000, write: 1_250_000 }),
        supportedParameters: ANTHROPIC_COMPATIBLE_PARAMETERS,
        images: true,
      }),
    ],
  },
  {
    id: "google-ai-studio",
    envName: "GEMINI",
    name: "Google AI Studio",
    defaultBaseUrl: "https://generativelanguage.googleapis.com",
    // Served by the native generateContent adapter (../google); the base URL is an origin.
    models: [
      gemini25Flash,
      model({
        id: "google/gemini-2.5-pro",
        providerModelId: "gemini-2.5-pro",
        name: "Google: Gemini 2.5 Pro",
        contextLength: 1_048_576,
        maxOutputTokens: 65_536,
        pricing: price(1_250_000, 10_000_000, { read: 125_000 }),
        supportedParameters: GEMINI_COMPATIBLE_PARAMETERS,
        images: true,
      }),
    ],
  },
  {
    id: "mistral",
    envName: "MISTRAL",
    name: "Mistral",
    defaultBaseUrl: "https://api.mistral.ai/v1",
    models: [
      model({
        id: "mistralai/mistral-small",
        providerModelId: "mistral-small-latest",
        name: "Mistral: Mistral Small",
        contextLength: 131_072,
        maxOutputTokens: null,
        pricing: price(100_000, 300_000),
        supportedParameters: MISTRAL_PARAMETERS,
        images: true,
      }),
      model({
        id: "mistralai/mistral-medium-3",
        providerModelId: "mistral-medium-latest",
        name: "Mistral: Mistral Medium 3",
        contextLength: 131_072,
        maxOutputTokens: null,
        pricing: price(400_000, 2_000_000),
        supportedParameters: MISTRAL_PARAMETERS,
        images: true,
      }),
      model({
        id: "mistralai/mistral-large",
        providerModelId: "mistral-large-latest",
        name: "Mistral: Mistral Large",
        contextLength: 131_072,
        maxOutputTokens: null,
        pricing: price(2_000_000, 6_000_000),
        supportedParameters: MISTRAL_PARAMETERS,
      }),
    ],
  },
  {
    id: "groq",
    envName: "GROQ",
    name: "Groq",
    defaultBaseUrl: "https://api.groq.com/openai/v1",
    models: [
      model({
        id: "meta-llama/llama-3.3-70b-instruct",
        providerModelId: "llama-3.3-70b-versatile",
        name: llama33Name,
        contextLength: 131_072,
        maxOutputTokens: 32_768,
        pricing: price(590_000, 790_000),
        supportedParameters: OPEN_WEIGHTS_PARAMETERS,
      }),
      model({
        id: "meta-llama/llama-3.1-8b-instruct",
        providerModelId: "llama-3.1-8b-instant",
        name: llama31Name,
        contextLength: 131_072,
        maxOutputTokens: 131_072,
        pricing: price(50_000, 80_000),
        supportedParameters: OPEN_WEIGHTS_PARAMETERS,
      }),
      model({
        id: "openai/gpt-oss-120b",
        providerModelId: "openai/gpt-oss-120b",
        name: "OpenAI: gpt-oss-120b",
        contextLength: 131_072,
        maxOutputTokens: 65_536,
        pricing: price(150_000, 600_000),
        supportedParameters: OPEN_WEIGHTS_PARAMETERS,
      }),
    ],
  },
  {
    id: "together",
    envName: "TOGETHER",
    name: "Together",
    defaultBaseUrl: "https://api.together.xyz/v1",
    models: [
      model({
        id: "meta-llama/llama-3.3-70b-instruct",
        providerModelId: "meta-llama/Llama-3.3-70B-Instruct-Turbo",
        name: llama33Name,
        contextLength: 131_072,
        maxOutputTokens: null,
        pricing: price(880_000, 880_000),
        supportedParameters: [...OPEN_WEIGHTS_PARAMETERS, "top_k", "repetition_penalty"],
      }),
      model({
        id: "meta-llama/llama-3.1-8b-instruct",
        providerModelId: "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo",
        name: llama31Name,
        contextLength: 131_072,
        maxOutputTokens: null,
        pricing: price(180_000, 180_000),
        supportedParameters: [...OPEN_WEIGHTS_PARAMETERS, "top_k", "repetition_penalty"],
      }),
    ],
  },
  {
    id: "fireworks",
    envName: "FIREWORKS",
    name: "Fireworks",
    defaultBaseUrl: "https://api.fireworks.ai/inference/v1",
    models: [
      model({
        id: "meta-llama/llama-3.3-70b-instruct",
        providerModelId: "accounts/fireworks/models/llama-v3p3-70b-instruct",
        name: llama33Name,
        contextLength: 131_072,
        maxOutputTokens: null,
        pricing: price(900_000, 900_000),
        supportedParameters: [...OPEN_WEIGHTS_PARAMETERS, "top_k", "repetition_penalty"],
      }),
      model({
        id: "meta-llama/llama-3.1-8b-instruct",
        providerModelId: "accounts/fireworks/models/llama-v3p1-8b-instruct",
        name: llama31Name,
        contextLength: 131_072,
        maxOutputTokens: null,
        pricing: price(200_000, 200_000),
        supportedParameters: [...OPEN_WEIGHTS_PARAMETERS, "top_k", "repetition_penalty"],
      }),
    ],
  },
  {
    id: "deepseek",
    envName: "DEEPSEEK",
    name: "DeepSeek",
    defaultBaseUrl: "https://api.deepseek.com/v1",
    models: [
      model({
        id: "deepseek/deepseek-chat",
        providerModelId: "deepseek-chat",
        name: "DeepSeek: DeepSeek V3",
        contextLength: 131_072,
        maxOutputTokens: 8_192,
        pricing: price(280_000, 420_000, { read: 28_000 }),
        supportedParameters: DEEPSEEK_PARAMETERS,
      }),
    ],
  },
  {
    id: "xai",
    envName: "XAI",
    name: "xAI",
    defaultBaseUrl: "https://api.x.ai/v1",
    models: [
      model({
        id: "x-ai/grok-3-mini",
        providerModelId: "grok-3-mini",
        name: "xAI: Grok 3 Mini",
        contextLength: 131_072,
        maxOutputTokens: null,
        pricing: price(300_000, 500_000, { read: 75_000 }),
        supportedParameters: GROK_MINI_PARAMETERS,
      }),
      model({
        id: "x-ai/grok-3",
        providerModelId: "grok-3",
        name: "xAI: Grok 3",
        contextLength: 131_072,
        maxOutputTokens: null,
        pricing: price(3_000_000, 15_000_000, { read: 750_000 }),
        supportedParameters: GROK_PARAMETERS,
      }),
      model({
        id: "x-ai/grok-4",
        providerModelId: "grok-4",
        name: "xAI: Grok 4",
        contextLength: 256_000,
        maxOutputTokens: null,
        pricing: price(3_000_000, 15_000_000, { read: 750_000 }),
        supportedParameters: GROK_MINI_PARAMETERS,
        images: true,
      }),
    ],
  },
  {
    id: "openrouter",
    envName: "OPENROUTER",
    name: "OpenRouter",
    defaultBaseUrl: "https://openrouter.ai/api/v1",
    reasoning: "object",
    // OpenRouter takes the canonical ids as they are and passes prices through.
    models: [
      { ...gpt4oMini, providerModelId: gpt4oMini.id },
      { ...gpt41Mini, providerModelId: gpt41Mini.id },
      { ...claudeSonnet45, providerModelId: claudeSonnet45.id, supportedParameters: [...TOOLS, ...SAMPLING, "response_format", "structured_outputs"] },
      { ...gemini25Flash, providerModelId: gemini25Flash.id },
      model({
        id: "meta-llama/llama-3.3-70b-instruct",
        providerModelId: "meta-llama/llama-3.3-70b-instruct",
        name: llama33Name,
        contextLength: 131_072,
        maxOutputTokens: null,
        pricing: price(130_000, 390_000),
        supportedParameters: OPEN_WEIGHTS_PARAMETERS,
      }),
    ],
  },
];
