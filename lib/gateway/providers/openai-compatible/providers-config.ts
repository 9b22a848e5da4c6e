import type { Dispatcher } from "undici";
import type { ProviderEnvName } from "../../../env";
import { listGeneratedProviderModels } from "../../catalog/generated-catalog";
import type { ProviderAdapter, ProviderModel } from "../provider";
import { createOpenAICompatibleAdapter } from "./openai-compatible-adapter";

/**
 * Every upstream reached through the OpenAI-compatible adapter (or a native
 * adapter that shares its configuration), as data. Adding one is an entry
 * here (and its env name in lib/env.ts). What each serves, with prices and
 * limits, is the generated catalog's list for its id
 * (lib/gateway/catalog/models-dev, `npm run catalog:refresh`).
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
  /** From the generated catalog, by `id`. */
  models: ProviderModel[];
}

export interface ProviderSettings {
  apiKey: string;
  /** `<envName>_BASE_URL` as configured, or an admin's, if either is. */
  baseUrl: string | undefined;
  /** What connects to `baseUrl` (see ../shared/provider-dispatchers); the trusted pool when unset. */
  dispatcher?: Dispatcher | undefined;
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
    dispatcher: settings.dispatcher,
    reasoning: provider.reasoning,
    listModels: async () => models,
  });
}

/** Lower-case provider ids follow OpenRouter's provider slugs so `provider.order` works unchanged. */
const upstreams: ReadonlyArray<Omit<OpenAICompatibleProviderConfig, "models">> = [
  { id: "openai", envName: "OPENAI", name: "OpenAI", defaultBaseUrl: "https://api.openai.com/v1" },
  // Served by the native Messages adapter (../anthropic); the base URL is an origin.
  { id: "anthropic", envName: "ANTHROPIC", name: "Anthropic", defaultBaseUrl: "https://api.anthropic.com" },
  // Served by the native generateContent adapter (../google); the base URL is an origin.
  { id: "google-ai-studio", envName: "GEMINI", name: "Google AI Studio", defaultBaseUrl: "https://generativelanguage.googleapis.com" },
  { id: "mistral", envName: "MISTRAL", name: "Mistral", defaultBaseUrl: "https://api.mistral.ai/v1" },
  { id: "groq", envName: "GROQ", name: "Groq", defaultBaseUrl: "https://api.groq.com/openai/v1" },
  { id: "together", envName: "TOGETHER", name: "Together", defaultBaseUrl: "https://api.together.xyz/v1" },
  { id: "fireworks", envName: "FIREWORKS", name: "Fireworks", defaultBaseUrl: "https://api.fireworks.ai/inference/v1" },
  { id: "deepseek", envName: "DEEPSEEK", name: "DeepSeek", defaultBaseUrl: "https://api.deepseek.com/v1" },
  { id: "xai", envName: "XAI", name: "xAI", defaultBaseUrl: "https://api.x.ai/v1" },
  // OpenRouter takes the canonical ids as they are and passes prices through.
  { id: "openrouter", envName: "OPENROUTER", name: "OpenRouter", defaultBaseUrl: "https://openrouter.ai/api/v1", reasoning: "object" },
];

export const openAICompatibleProviders: readonly OpenAICompatibleProviderConfig[] = upstreams.map((provider) => ({
  ...provider,
  models: listGeneratedProviderModels(provider.id),
}));
