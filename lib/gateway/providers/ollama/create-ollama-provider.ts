import type { ProviderAdapter, ProviderModel } from "../provider";
import { createOpenAICompatibleAdapter } from "../openai-compatible/openai-compatible-adapter";
import { discoverOllamaModels } from "./discover-ollama-models";

export interface OllamaProviderOptions {
  /** The server's origin, `http://127.0.0.1:11434` (OLLAMA_BASE_URL). */
  baseUrl: string;
  /** How long a model list is reused; models are pulled and removed at any time. */
  cacheMilliseconds?: number;
  discoveryTimeoutMilliseconds?: number;
  /** Told when discovery fails; the provider then serves no models until the next try. */
  onDiscoveryError?: (error: unknown) => void;
}

const DEFAULT_CACHE_MILLISECONDS = 30_000;
const DEFAULT_DISCOVERY_TIMEOUT_MILLISECONDS = 5_000;

/**
 * A local Ollama server through its OpenAI-compatible endpoint, with the
 * model list discovered from the server. Discovery never throws: a server
 * that is down must not break the catalog of every other provider.
 * @see https://github.com/ollama/ollama/blob/main/docs/openai.md
 */
export function createOllamaProvider(options: OllamaProviderOptions): ProviderAdapter {
  const origin = options.baseUrl.replace(/\/+$/, "");
  const cacheMilliseconds = options.cacheMilliseconds ?? DEFAULT_CACHE_MILLISECONDS;
  const timeoutMilliseconds = options.discoveryTimeoutMilliseconds ?? DEFAULT_DISCOVERY_TIMEOUT_MILLISECONDS;
  const onDiscoveryError = options.onDiscoveryError ?? logDiscoveryError;

  let cached: { models: ProviderModel[]; expiresAt: number } | undefined;
  // Concurrent callers share one discovery instead of each hitting the server.
  let inFlight: Promise<ProviderModel[]> | undefined;

  async function discover(): Promise<ProviderModel[]> {
    let models: ProviderModel[];
    try {
      models = await discoverOllamaModels(origin, AbortSignal.timeout(timeoutMilliseconds));
    } catch (error) {
      onDiscoveryError(error);
      models = [];
    }
    // Failures are cached too, so a stopped server is asked once per period, not per request.
    cached = { models, expiresAt: Date.now() + cacheMilliseconds };
    return models;
  }

  function listModels(): Promise<ProviderModel[]> {
    if (cached && cached.expiresAt > Date.now()) return Promise.resolve(cached.models);
    inFlight ??= discover().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  return createOpenAICompatibleAdapter({ id: "ollama", name: "Ollama", baseUrl: `${origin}/v1`, listModels });
}

function logDiscoveryError(error: unknown): void {
  const detail = error instanceof AggregateError ? `${error.message} ${error.errors.map(describe).join("; ")}` : describe(error);
  console.warn(`[ollama] model discovery failed, serving no Ollama models for now: ${detail}`);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${error.message}${cause}`;
}
