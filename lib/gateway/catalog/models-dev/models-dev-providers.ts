/**
 * The models.dev providers we serve, keyed by models.dev's provider id, with
 * what the mapping needs to know about each: our provider id, the vendor of
 * the models it makes itself, how its model ids differ from canonical ones,
 * and which OpenRouter `supported_parameters` its API takes.
 * @see https://models.dev
 */
export interface ModelsDevProvider {
  /** Our provider id (lib/gateway/providers). */
  providerId: string;
  /** Vendor of every model, for first-party APIs whose ids carry none. */
  vendor?: string;
  /** Rewrites the provider's model id into the model part of a canonical id. */
  normalizeModelId?: (providerModelId: string) => string;
  /** Parameters the API takes for any model; tools, reasoning and sampling follow the model's flags. */
  baseParameters: readonly string[];
}

const SAMPLING = ["max_tokens", "temperature", "top_p", "stop"];
const PENALTIES = ["frequency_penalty", "presence_penalty"];
const OPENAI = [...SAMPLING, ...PENALTIES, "seed", "logit_bias", "logprobs", "top_logprobs", "response_format", "structured_outputs"];
const OPEN_WEIGHTS = [...SAMPLING, ...PENALTIES, "seed", "response_format"];

/** Anthropic dates its ids and writes versions with dashes: claude-3-7-sonnet-20250219 is claude-3.7-sonnet. */
function normalizeAnthropicModelId(providerModelId: string): string {
  return providerModelId.replace(/-\d{8}$/, "").replace(/(\d)-(\d)(?!\d)/g, "$1.$2");
}

/** Fireworks prefixes its account path and writes dots as `p`: llama-v3p3-70b-instruct is llama-3.3-70b-instruct. */
function normalizeFireworksModelId(providerModelId: string): string {
  return providerModelId
    .replace(/^accounts\/fireworks\/models\//, "")
    .replace(/(\d)p(\d)/g, "$1.$2")
    .replace(/^llama-v(\d)/, "llama-$1");
}

export const modelsDevProviders: Readonly<Record<string, ModelsDevProvider>> = {
  openai: { providerId: "openai", vendor: "openai", baseParameters: ["parallel_tool_calls", ...OPENAI] },
  anthropic: { providerId: "anthropic", vendor: "anthropic", normalizeModelId: normalizeAnthropicModelId, baseParameters: ["max_tokens", "temperature", "top_p", "top_k", "stop"] },
  google: { providerId: "google-ai-studio", vendor: "google", baseParameters: [...SAMPLING, "seed", "response_format", "structured_outputs"] },
  mistral: { providerId: "mistral", vendor: "mistralai", baseParameters: [...OPEN_WEIGHTS, "structured_outputs"] },
  groq: { providerId: "groq", baseParameters: OPEN_WEIGHTS },
  togetherai: { providerId: "together", baseParameters: OPEN_WEIGHTS },
  "fireworks-ai": { providerId: "fireworks", normalizeModelId: normalizeFireworksModelId, baseParameters: OPEN_WEIGHTS },
  deepseek: { providerId: "deepseek", vendor: "deepseek", baseParameters: [...SAMPLING, ...PENALTIES, "response_format", "logprobs", "top_logprobs"] },
  xai: { providerId: "xai", vendor: "x-ai", baseParameters: [...SAMPLING, ...PENALTIES, "seed", "logprobs", "top_logprobs", "response_format", "structured_outputs"] },
  openrouter: { providerId: "openrouter", baseParameters: [...OPEN_WEIGHTS, "structured_outputs"] },
};

/** Organisation names in `org/model` ids, spelled as OpenRouter's vendor slugs. */
export const vendorAliases: Readonly<Record<string, string>> = {
  "deepseek-ai": "deepseek",
  xai: "x-ai",
  mistral: "mistralai",
  "zai-org": "z-ai",
};

/**
 * Vendors of open-weights models that hosts list without an organisation
 * (groq's `llama-3.1-8b-instant`), by the id's first word.
 */
export const vendorsByModelPrefix: ReadonlyArray<readonly [prefix: string, vendor: string]> = [
  ["llama", "meta-llama"],
  ["gemma", "google"],
  ["qwq", "qwen"],
  ["qwen", "qwen"],
  ["deepseek", "deepseek"],
  ["mistral", "mistralai"],
  ["mixtral", "mistralai"],
  ["gpt-oss", "openai"],
  ["kimi", "moonshotai"],
  ["glm", "z-ai"],
];
