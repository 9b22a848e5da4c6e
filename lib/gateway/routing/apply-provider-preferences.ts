import type { Endpoint } from "../catalog/create-catalog";
import type { ChatCompletionRequest } from "../schema/chat-completion-request";
import type { EndpointHealthReader } from "./endpoint-health";
import { endpointKey } from "./endpoint-key";
import { blendedPrice } from "../catalog/blended-price";

export type ProviderPreferences = NonNullable<ChatCompletionRequest["provider"]>;

export interface Exclusion {
  endpoint: Endpoint;
  /** Why, for the error message. */
  reason: string;
  /** Out only for a while (an open circuit), not for anything in the request. */
  temporary?: boolean;
}

export interface PreferenceOptions {
  preferences: ProviderPreferences | undefined;
  /** OpenRouter parameter names the request uses (see usedParameters), for `require_parameters`. */
  requestedParameters?: readonly string[];
  /**
   * Which endpoints retain prompts, by endpoint key or provider id (the
   * endpoint key wins). Unlisted ones are taken not to, so `data_collection:
   * "deny"` only removes endpoints known to retain data.
   */
  dataRetention?: ReadonlyMap<string, boolean>;
  /** Measured speed, for `sort: "throughput"` and `"latency"`. */
  health?: Pick<EndpointHealthReader, "stats">;
}

export interface PreferenceResult {
  /** In preference order when `order` or `sort` was given, else as received. */
  candidates: Endpoint[];
  excluded: Exclusion[];
  /** Preferences that were not understood and so had no effect. */
  warnings: string[];
}

/**
 * Applies the request's `provider` object. Filters first (only, ignore,
 * require_parameters, data_collection, max_price), then orders: `sort`
 * decides the order, and `order` lifts the listed providers to the front, in
 * the listed order. With `allow_fallbacks: false` only listed providers stay;
 * keeping only the first choice when nothing is listed is orderCandidates'
 * job, since that choice is drawn there.
 * @see https://openrouter.ai/docs/features/provider-routing
 */
export function applyProviderPreferences(endpoints: readonly Endpoint[], options: PreferenceOptions): PreferenceResult {
  const preferences = options.preferences ?? {};
  const warnings: string[] = [];
  const excluded: Exclusion[] = [];
  const maxPrice = parseMaxPrice(preferences.max_price, warnings);
  const only = normalizeNames(preferences.only);
  const ignore = normalizeNames(preferences.ignore);
  const order = normalizeNames(preferences.order);

  const kept: Endpoint[] = [];
  for (const endpoint of endpoints) {
    const reason = exclusionReason(endpoint, { options, preferences, maxPrice, only, ignore });
    if (reason) excluded.push({ endpoint, reason });
    else kept.push(endpoint);
  }

  let candidates = sortEndpoints(kept, preferences.sort, options.health);
  if (order.length > 0) {
    const rank = (endpoint: Endpoint) => {
      const index = order.findIndex((name) => matchesProvider(endpoint, name));
      return index === -1 ? order.length : index;
    };
    candidates = candidates
      .map((endpoint, position) => ({ endpoint, position, rank: rank(endpoint) }))
      .sort((left, right) => left.rank - right.rank || left.position - right.position)
      .map((entry) => entry.endpoint);
    if (preferences.allow_fallbacks === false) {
      for (const endpoint of candidates) {
        if (rank(endpoint) === order.length) excluded.push({ endpoint, reason: "not in provider.order and allow_fallbacks is false" });
      }
      candidates = candidates.filter((endpoint) => rank(endpoint) < order.length);
    }
  }
  return { candidates, excluded, warnings };
}

interface Filters {
  options: PreferenceOptions;
  preferences: ProviderPreferences;
  maxPrice: MaxPrice;
  only: string[];
  ignore: string[];
}

function exclusionReason(endpoint: Endpoint, { options, preferences, maxPrice, only, ignore }: Filters): string | undefined {
  if (only.length > 0 && !only.some((name) => matchesProvider(endpoint, name))) return "not in provider.only";
  if (ignore.some((name) => matchesProvider(endpoint, name))) return "in provider.ignore";
  if (preferences.require_parameters) {
    const missing = (options.requestedParameters ?? []).filter((parameter) => !endpoint.model.supportedParameters.includes(parameter));
    if (missing.length > 0) return `does not support ${missing.join(", ")} (require_parameters)`;
  }
  if (preferences.data_collection === "deny") {
    const retains = options.dataRetention?.get(endpointKey(endpoint)) ?? options.dataRetention?.get(endpoint.provider.id);
    if (retains) return "may retain prompts (data_collection: deny)";
  }
  const pricing = endpoint.model.pricing;
  if (maxPrice.promptPerMillion !== undefined && pricing.promptPerMillion > maxPrice.promptPerMillion) {
    return `prompt price ${dollars(pricing.promptPerMillion)}/M is above max_price.prompt ${dollars(maxPrice.promptPerMillion)}/M`;
  }
  if (maxPrice.completionPerMillion !== undefined && pricing.completionPerMillion > maxPrice.completionPerMillion) {
    return `completion price ${dollars(pricing.completionPerMillion)}/M is above max_price.completion ${dollars(maxPrice.completionPerMillion)}/M`;
  }
  if (maxPrice.requestMicros !== undefined && (pricing.requestMicros ?? 0) > maxPrice.requestMicros) {
    return `request fee ${dollars(pricing.requestMicros ?? 0)} is above max_price.request ${dollars(maxPrice.requestMicros)}`;
  }
  return undefined;
}

function sortEndpoints(endpoints: Endpoint[], sort: ProviderPreferences["sort"], health: PreferenceOptions["health"]): Endpoint[] {
  if (sort === undefined) return endpoints;
  const byPrice = (left: Endpoint, right: Endpoint) => blendedPrice(left) - blendedPrice(right);
  if (sort === "price") return [...endpoints].sort(byPrice);
  // Unmeasured endpoints go after measured ones; price breaks ties.
  const measure = (endpoint: Endpoint): number | null => {
    const stats = health?.stats(endpointKey(endpoint));
    return (sort === "throughput" ? stats?.tokensPerSecond : stats?.timeToFirstTokenMs) ?? null;
  };
  return [...endpoints].sort((left, right) => {
    const leftValue = measure(left);
    const rightValue = measure(right);
    if (leftValue === null || rightValue === null) {
      if (leftValue !== rightValue) return leftValue === null ? 1 : -1;
      return byPrice(left, right);
    }
    const difference = sort === "throughput" ? rightValue - leftValue : leftValue - rightValue;
    return difference || byPrice(left, right);
  });
}

/** Matches a provider id or display name, ignoring case. */
function matchesProvider(endpoint: Endpoint, normalizedName: string): boolean {
  return endpoint.provider.id.toLowerCase() === normalizedName || endpoint.provider.name.toLowerCase() === normalizedName;
}

function normalizeNames(names: readonly string[] | undefined): string[] {
  return (names ?? []).map((name) => name.trim().toLowerCase());
}

/** Limits in the catalog's unit, micro-dollars (per million tokens; per request for `request`). */
interface MaxPrice {
  promptPerMillion?: number;
  completionPerMillion?: number;
  requestMicros?: number;
}

const MAX_PRICE_FIELDS = { prompt: "promptPerMillion", completion: "completionPerMillion", request: "requestMicros" } as const;

/** `max_price` is in dollars (per million tokens, or per request), as numbers or numeric strings. */
function parseMaxPrice(value: ProviderPreferences["max_price"], warnings: string[]): MaxPrice {
  const limits: MaxPrice = {};
  for (const [field, raw] of Object.entries(value ?? {})) {
    const target = field in MAX_PRICE_FIELDS ? MAX_PRICE_FIELDS[field as keyof typeof MAX_PRICE_FIELDS] : undefined;
    if (!target) {
      warnings.push(`provider.max_price.${field} is not supported and was ignored.`);
      continue;
    }
    const amount = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : Number.NaN;
    if (!Number.isFinite(amount) || amount < 0) {
      warnings.push(`provider.max_price.${field} must be a non-negative number of dollars and was ignored.`);
      continue;
    }
    limits[target] = Math.round(amount * 1_000_000);
  }
  return limits;
}

function dollars(micros: number): string {
  return `$${(micros / 1_000_000).toString()}`;
}

/**
 * The OpenRouter parameter names a request uses, as endpoints list them in
 * `supported_parameters`, for `require_parameters`.
 */
export function usedParameters(request: ChatCompletionRequest): string[] {
  const used = new Set<string>();
  const present = (value: unknown) => value !== undefined && value !== null;
  if (request.tools?.length) used.add("tools");
  if (request.tool_choice !== undefined && request.tool_choice !== "none" && request.tool_choice !== "auto") used.add("tool_choice");
  if (present(request.parallel_tool_calls)) used.add("parallel_tool_calls");
  if (request.response_format && request.response_format.type !== "text") used.add("response_format");
  if (request.response_format?.type === "json_schema") used.add("structured_outputs");
  if (present(request.max_tokens) || present(request.max_completion_tokens)) used.add("max_tokens");
  const simple = [
    "temperature",
    "top_p",
    "top_k",
    "stop",
    "seed",
    "frequency_penalty",
    "presence_penalty",
    "repetition_penalty",
    "logit_bias",
    "top_logprobs",
  ] as const;
  for (const name of simple) if (present(request[name])) used.add(name);
  if (request.logprobs === true) used.add("logprobs");
  if (request.reasoning && request.reasoning.enabled !== false) used.add("reasoning");
  return [...used];
}
