import type { Env } from "../../env";
import { createOllamaProvider } from "./ollama";
import {
  createOpenAICompatibleProvider,
  openAICompatibleProviders,
  type OpenAICompatibleProviderConfig,
  type ProviderSettings,
} from "./openai-compatible";
import type { ProviderAdapter } from "./provider";
import { createSimulatedProvider } from "./simulated";
import { createAnthropicProvider } from "./anthropic";
import { createGoogleProvider } from "./google";

export interface ProviderRegistry {
  /** The configured providers, in catalog order. */
  providers: ProviderAdapter[];
  get(id: string): ProviderAdapter | undefined;
}

export type ProviderFactory = (provider: OpenAICompatibleProviderConfig, settings: ProviderSettings) => ProviderAdapter;

/**
 * Providers with an adapter of their own, by provider id. Anything not listed
 * goes through the OpenAI-compatible adapter; a native Anthropic or Gemini
 * adapter replaces that by adding its line here.
 */
const nativeProviderFactories: Partial<Record<string, ProviderFactory>> = {
  anthropic: createAnthropicProvider,
  "google-ai-studio": createGoogleProvider,
};

/**
 * The providers this deployment can reach: each one whose API key is set,
 * Ollama when its URL is set, and the simulated provider when asked for, or
 * by default when nothing else is configured so a fresh install still answers.
 */
export function createProviderRegistry(env: Env): ProviderRegistry {
  const providers: ProviderAdapter[] = [];

  for (const provider of openAICompatibleProviders) {
    const apiKey = env[`${provider.envName}_API_KEY`];
    if (!apiKey) continue;
    const factory = nativeProviderFactories[provider.id] ?? createOpenAICompatibleProvider;
    providers.push(factory(provider, { apiKey, baseUrl: env[`${provider.envName}_BASE_URL`] }));
  }

  if (env.OLLAMA_BASE_URL) providers.push(createOllamaProvider({ baseUrl: env.OLLAMA_BASE_URL }));

  const simulated = env.SIMULATED_PROVIDER === "on" || (env.SIMULATED_PROVIDER === "auto" && providers.length === 0);
  if (simulated) providers.push(createSimulatedProvider({ speed: env.SIMULATED_SPEED }));

  const byId = new Map(providers.map((adapter) => [adapter.id, adapter]));
  return { providers, get: (id) => byId.get(id) };
}
