import type { Env } from "../../env";
import { createOllamaProvider } from "./ollama";
import {
  createOpenAICompatibleProvider,
  openAICompatibleProviders,
  type OpenAICompatibleProviderConfig,
  type ProviderSettings,
} from "./openai-compatible";
import type { ProviderAdapter } from "./provider";
import { dispatcherForAdminBaseUrl } from "./shared/provider-dispatchers";
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

/** What an admin set for a provider in the app; each field, when set, wins over the environment. */
export interface ProviderOverride {
  apiKey?: string | null;
  baseUrl?: string | null;
  enabled: boolean;
}

/**
 * An adapter for one provider with the given key: the instance's own, an
 * admin's, or a caller's (bring your own key). Undefined for an unknown id.
 */
export function createProviderAdapter(providerId: string, settings: ProviderSettings): ProviderAdapter | undefined {
  const provider = openAICompatibleProviders.find((candidate) => candidate.id === providerId);
  if (!provider) return undefined;
  const factory = nativeProviderFactories[provider.id] ?? createOpenAICompatibleProvider;
  return factory(provider, settings);
}

/** An adapter with a caller's own key, at the provider's address as the environment sets it (or its default). */
export function createOwnKeyAdapter(providerId: string, apiKey: string, env: Env): ProviderAdapter | undefined {
  const provider = openAICompatibleProviders.find((candidate) => candidate.id === providerId);
  return provider && createProviderAdapter(providerId, { apiKey, baseUrl: env[`${provider.envName}_BASE_URL`] });
}

/**
 * The providers this deployment can reach: each one whose API key is set,
 * Ollama when its URL is set, and the simulated provider when asked for, or
 * by default when nothing else is configured so a fresh install still answers.
 */
export function createProviderRegistry(env: Env, overrides: ReadonlyMap<string, ProviderOverride> = new Map()): ProviderRegistry {
  const providers: ProviderAdapter[] = [];

  for (const provider of openAICompatibleProviders) {
    const override = overrides.get(provider.id);
    if (override?.enabled === false) continue;
    const apiKey = override?.apiKey ?? env[`${provider.envName}_API_KEY`];
    if (!apiKey) continue;
    const adminBaseUrl = override?.baseUrl ?? undefined;
    const settings = adminBaseUrl
      ? // Typed into a web form: every connection to it is checked against internal addresses.
        { apiKey, baseUrl: adminBaseUrl, dispatcher: dispatcherForAdminBaseUrl({ allowPrivate: env.ALLOW_PRIVATE_PROVIDER_URLS }) }
      : // The operator's own configuration, trusted as it is.
        { apiKey, baseUrl: env[`${provider.envName}_BASE_URL`] };
    providers.push(createProviderAdapter(provider.id, settings) as ProviderAdapter);
  }

  if (env.OLLAMA_BASE_URL) providers.push(createOllamaProvider({ baseUrl: env.OLLAMA_BASE_URL }));

  const simulated = env.SIMULATED_PROVIDER === "on" || (env.SIMULATED_PROVIDER === "auto" && providers.length === 0);
  if (simulated) providers.push(createSimulatedProvider({ speed: env.SIMULATED_SPEED }));

  const byId = new Map(providers.map((adapter) => [adapter.id, adapter]));
  return { providers, get: (id) => byId.get(id) };
}
