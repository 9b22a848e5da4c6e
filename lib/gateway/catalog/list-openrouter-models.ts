import { openAICompatibleProviders } from "../providers/openai-compatible/providers-config";
import { listGeneratedCatalogEntries, toProviderModel } from "./generated-catalog";
import type { ListModelsQuery } from "./list-models-query";
import type { CatalogEntry } from "./models-dev/load-models-dev-catalog";
import { toOpenRouterModels, type ListedEndpoint, type OpenRouterModel } from "./to-openrouter-models";

export interface ListOpenRouterModelsOptions {
  /** The generated catalog, for `all`; the committed one unless a test gives another. */
  entries?: readonly CatalogEntry[];
  /** Display names of providers that are not configured, by id; the provider config's unless given. */
  providerNames?: ReadonlyMap<string, string>;
}

const configuredProviderNames: ReadonlyMap<string, string> = new Map(openAICompatibleProviders.map((provider) => [provider.id, provider.name]));

/**
 * What `GET /api/v1/models` answers. By default the models configured
 * providers serve (`endpoints`), as the router sees them. With `all`, every
 * other model of the generated catalog follows, marked not routable and
 * described by the providers that would serve it once configured; a routable
 * model keeps the prices and providers it is routed by, not those of
 * providers that are not configured.
 */
export function listOpenRouterModels(endpoints: readonly ListedEndpoint[], query: ListModelsQuery, options: ListOpenRouterModelsOptions = {}): OpenRouterModel[] {
  const required = query.supported_parameters ?? [];
  const routable = toOpenRouterModels(keepModelsSupporting(endpoints, required));
  if (!query.all) return routable;

  const routableIds = new Set(endpoints.map((endpoint) => endpoint.model.id));
  const providerNames = options.providerNames ?? configuredProviderNames;
  const unroutable = (options.entries ?? listGeneratedCatalogEntries())
    .filter((entry) => !routableIds.has(entry.id))
    .flatMap((entry) =>
      entry.endpoints.map(
        (endpoint): ListedEndpoint => ({
          provider: { id: endpoint.providerId, name: providerNames.get(endpoint.providerId) ?? endpoint.providerId },
          model: toProviderModel(entry, endpoint),
        }),
      ),
    );
  return [...routable, ...toOpenRouterModels(keepModelsSupporting(unroutable, required), { routable: false })].sort((left, right) =>
    left.id.localeCompare(right.id),
  );
}

/** OpenRouter's filter: a model stays, with all its endpoints, when one of them takes every required parameter. */
function keepModelsSupporting(endpoints: readonly ListedEndpoint[], required: readonly string[]): readonly ListedEndpoint[] {
  if (required.length === 0) return endpoints;
  const kept = new Set(
    endpoints.filter((endpoint) => required.every((parameter) => endpoint.model.supportedParameters.includes(parameter))).map((endpoint) => endpoint.model.id),
  );
  return endpoints.filter((endpoint) => kept.has(endpoint.model.id));
}
