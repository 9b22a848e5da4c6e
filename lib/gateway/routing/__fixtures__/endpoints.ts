import type { Endpoint } from "../../catalog/create-catalog";
import type { ModelPricing, ProviderAdapter, ProviderModel } from "../../providers/provider";

/** An endpoint whose adapter only answers to its id and name; routing never calls it. */
export function makeEndpoint(options: {
  provider: string;
  name?: string;
  model?: string;
  pricing?: Partial<ModelPricing>;
  supportedParameters?: string[];
  contextLength?: number;
  images?: boolean;
}): Endpoint {
  const unused = () => Promise.reject(new Error("routing tests do not call providers"));
  const provider: ProviderAdapter = {
    id: options.provider,
    name: options.name ?? options.provider.toUpperCase(),
    listModels: unused,
    createChatCompletion: unused,
    streamChatCompletion: unused,
  };
  const model: ProviderModel = {
    id: options.model ?? "vendor/model",
    providerModelId: "model",
    name: "Model",
    contextLength: options.contextLength ?? 8192,
    maxOutputTokens: null,
    pricing: { promptPerMillion: 1_000_000, completionPerMillion: 1_000_000, ...options.pricing },
    supportedParameters: options.supportedParameters ?? ["tools", "tool_choice", "temperature", "max_tokens"],
    inputModalities: options.images ? ["text", "image"] : ["text"],
  };
  return { provider, model };
}

/** Mulberry32: a small seeded generator, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

export function providerIds(endpoints: readonly Endpoint[]): string[] {
  return endpoints.map((endpoint) => endpoint.provider.id);
}
