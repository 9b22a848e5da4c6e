import { blendedPrice } from "./blended-price";
import type { ProviderModel } from "../providers/provider";
import { perMillionToPerTokenString } from "../usage/compute-cost";

/**
 * One provider's offer of one model as the listing needs it: a configured
 * provider's Endpoint, or a generated catalog entry of a provider that is not
 * configured here (which has no adapter, only an id and a name).
 */
export interface ListedEndpoint {
  provider: { readonly id: string; readonly name: string };
  model: ProviderModel;
}

export interface ToOpenRouterModelsOptions {
  /** Whether a configured provider serves these endpoints, so a request for the model can be routed; true unless said. */
  routable?: boolean;
}

/**
 * A model as OpenRouter's `GET /api/v1/models` lists it. Every field its SDK
 * requires is present; what we don't know is null rather than missing.
 * @see https://openrouter.ai/docs/api-reference/list-available-models
 */
export interface OpenRouterModel {
  id: string;
  canonical_slug: string;
  hugging_face_id: string | null;
  name: string;
  created: number;
  description: string;
  context_length: number;
  architecture: {
    modality: string;
    input_modalities: string[];
    output_modalities: string[];
    tokenizer: string;
    instruct_type: string | null;
  };
  pricing: Record<"prompt" | "completion" | "request" | "image" | "web_search" | "internal_reasoning", string> & {
    input_cache_read?: string;
    input_cache_write?: string;
  };
  top_provider: { context_length: number; max_completion_tokens: number | null; is_moderated: boolean };
  per_request_limits: null;
  supported_parameters: string[];
  default_parameters: Record<string, never>;
  /** Which providers serve it here: Switchyard's addition. */
  providers: string[];
  /** Whether a configured provider serves it, so a request for it can be answered: Switchyard's addition. */
  routable: boolean;
}

/** Groups endpoints by canonical model; the cheapest endpoint's prices are the model's. */
export function toOpenRouterModels(endpoints: readonly ListedEndpoint[], options: ToOpenRouterModelsOptions = {}): OpenRouterModel[] {
  const routable = options.routable ?? true;
  const byModel = new Map<string, ListedEndpoint[]>();
  for (const endpoint of endpoints) {
    const group = byModel.get(endpoint.model.id);
    if (group) group.push(endpoint);
    else byModel.set(endpoint.model.id, [endpoint]);
  }
  const models: OpenRouterModel[] = [];
  for (const [id, group] of byModel) {
    const sorted = [...group].sort((left, right) => blendedPrice(left) - blendedPrice(right));
    const cheapest = sorted[0];
    if (!cheapest) continue;
    models.push(toModel(id, cheapest, sorted, routable));
  }
  return models.sort((left, right) => left.id.localeCompare(right.id));
}

function toModel(id: string, cheapest: ListedEndpoint, group: readonly ListedEndpoint[], routable: boolean): OpenRouterModel {
  const { model } = cheapest;
  const pricing = model.pricing;
  const inputModalities = [...model.inputModalities];
  const contextLength = Math.max(...group.map((endpoint) => endpoint.model.contextLength));
  const supported = new Set(group.flatMap((endpoint) => endpoint.model.supportedParameters));
  return {
    id,
    canonical_slug: id,
    hugging_face_id: null,
    name: model.name,
    created: model.created ?? 0,
    description: model.description ?? "",
    context_length: contextLength,
    architecture: {
      modality: `${inputModalities.join("+")}->text`,
      input_modalities: inputModalities,
      output_modalities: ["text"],
      tokenizer: "Other",
      instruct_type: null,
    },
    pricing: {
      prompt: perMillionToPerTokenString(pricing.promptPerMillion),
      completion: perMillionToPerTokenString(pricing.completionPerMillion),
      request: perMillionToPerTokenString((pricing.requestMicros ?? 0) * 1_000_000),
      image: "0",
      web_search: "0",
      internal_reasoning: perMillionToPerTokenString(pricing.reasoningPerMillion ?? 0),
      ...(pricing.cacheReadPerMillion === undefined ? {} : { input_cache_read: perMillionToPerTokenString(pricing.cacheReadPerMillion) }),
      ...(pricing.cacheWritePerMillion === undefined ? {} : { input_cache_write: perMillionToPerTokenString(pricing.cacheWritePerMillion) }),
    },
    top_provider: { context_length: model.contextLength, max_completion_tokens: model.maxOutputTokens, is_moderated: false },
    per_request_limits: null,
    supported_parameters: [...supported].sort(),
    default_parameters: {},
    providers: group.map((endpoint) => endpoint.provider.name),
    routable,
  };
}
