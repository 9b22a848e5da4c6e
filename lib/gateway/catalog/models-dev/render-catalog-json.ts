import type { ModelPricing } from "../../providers/provider";
import type { CatalogEntry, ModelsDevSource } from "./load-models-dev-catalog";

export interface GeneratedCatalog {
  source: ModelsDevSource;
  models: CatalogEntry[];
}

const PRICING_FIELDS = ["promptPerMillion", "completionPerMillion", "cacheReadPerMillion", "cacheWritePerMillion", "reasoningPerMillion", "requestMicros"] as const satisfies ReadonlyArray<keyof ModelPricing>;

/**
 * The text of catalog.generated.json: keys in a fixed order and a trailing
 * newline, so a regeneration from the same data is byte-for-byte the same and
 * a real change shows up as a readable diff.
 */
export function renderCatalogJson(catalog: GeneratedCatalog): string {
  const models = catalog.models.map((model) => ({
    id: model.id,
    name: model.name,
    ...(model.description === undefined ? {} : { description: model.description }),
    endpoints: model.endpoints.map((endpoint) => ({
      providerId: endpoint.providerId,
      providerModelId: endpoint.providerModelId,
      contextLength: endpoint.contextLength,
      maxOutputTokens: endpoint.maxOutputTokens,
      pricing: Object.fromEntries(PRICING_FIELDS.flatMap((field) => (endpoint.pricing[field] === undefined ? [] : [[field, endpoint.pricing[field]]]))),
      supportedParameters: endpoint.supportedParameters,
      inputModalities: endpoint.inputModalities,
    })),
  }));
  return `${JSON.stringify({ source: { package: catalog.source.package, version: catalog.source.version }, models }, null, 2)}\n`;
}
