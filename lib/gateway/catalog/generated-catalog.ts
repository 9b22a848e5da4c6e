import { z } from "zod";
import type { ProviderModel } from "../providers/provider";
import generatedJson from "./models-dev/catalog.generated.json";
import type { CatalogEndpoint, CatalogEntry } from "./models-dev/load-models-dev-catalog";

// The file is ours, but a hand edit or a bad merge can still break it; parsing
// also gives the narrow types (modalities, optional prices) the JSON import widens.
const pricingSchema = z.strictObject({
  promptPerMillion: z.number().int().nonnegative(),
  completionPerMillion: z.number().int().nonnegative(),
  cacheReadPerMillion: z.number().int().nonnegative().optional(),
  cacheWritePerMillion: z.number().int().nonnegative().optional(),
  reasoningPerMillion: z.number().int().nonnegative().optional(),
  requestMicros: z.number().int().nonnegative().optional(),
});

const generatedCatalogSchema = z.object({
  models: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      description: z.string().optional(),
      endpoints: z.array(
        z.object({
          providerId: z.string().min(1),
          providerModelId: z.string().min(1),
          contextLength: z.number().int().positive(),
          maxOutputTokens: z.number().int().positive().nullable(),
          pricing: pricingSchema,
          supportedParameters: z.array(z.string()),
          inputModalities: z.array(z.enum(["text", "image"])),
        }),
      ),
    }),
  ),
});

let entries: readonly CatalogEntry[] | undefined;

/**
 * Every model of catalog.generated.json with every endpoint, whether or not
 * its provider is configured here. Parsed on first use, then shared.
 */
export function listGeneratedCatalogEntries(): readonly CatalogEntry[] {
  entries ??= generatedCatalogSchema.parse(generatedJson).models;
  return entries;
}

/** What one provider serves according to the generated catalog; empty for a provider it does not know. */
export function listGeneratedProviderModels(providerId: string): ProviderModel[] {
  return listGeneratedCatalogEntries().flatMap((entry) =>
    entry.endpoints.filter((endpoint) => endpoint.providerId === providerId).map((endpoint) => toProviderModel(entry, endpoint)),
  );
}

/** One endpoint of a catalog entry as its provider's adapter lists it. */
export function toProviderModel(entry: CatalogEntry, endpoint: CatalogEndpoint): ProviderModel {
  return {
    id: entry.id,
    providerModelId: endpoint.providerModelId,
    name: entry.name,
    ...(entry.description === undefined ? {} : { description: entry.description }),
    contextLength: endpoint.contextLength,
    maxOutputTokens: endpoint.maxOutputTokens,
    pricing: { ...endpoint.pricing },
    supportedParameters: [...endpoint.supportedParameters],
    inputModalities: [...endpoint.inputModalities],
  };
}
