import type { Endpoint } from "../catalog/create-catalog";
import type { ProviderAdapter, ProviderModel } from "../providers/provider";

export interface OwnKeyProviders {
  /** Adapters that call each provider with the caller's own key, by provider id. */
  adapters: ReadonlyMap<string, ProviderAdapter>;
  /** The catalog's offer of a model at a provider, for providers this instance has no key of its own for. */
  findModel(providerId: string, modelId: string): ProviderModel | undefined;
}

/**
 * A model's endpoints when the caller brought keys of their own: an endpoint
 * of a provider they have a key for is called with that key (and billed the
 * BYOK fee), also where this instance has no key for the provider; those
 * come first, as OpenRouter tries your own keys first, and the instance's
 * own endpoints stay behind them as fallbacks.
 * @see https://openrouter.ai/docs/use-cases/byok
 */
export function withOwnKeys(endpoints: readonly Endpoint[], modelId: string, own: OwnKeyProviders): Endpoint[] {
  const mine: Endpoint[] = [];
  for (const [providerId, adapter] of own.adapters) {
    const model = endpoints.find((endpoint) => endpoint.provider.id === providerId)?.model ?? own.findModel(providerId, modelId);
    if (model) mine.push({ provider: adapter, model, byok: true });
  }
  return [...mine, ...endpoints];
}
