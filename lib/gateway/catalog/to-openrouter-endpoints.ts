import type { EndpointHealthReader } from "../routing/endpoint-health";
import { endpointKey } from "../routing/endpoint-key";
import { perMillionToPerTokenString } from "../usage/compute-cost";
import type { Endpoint } from "./create-catalog";
import { toOpenRouterModels } from "./to-openrouter-models";

/**
 * One model's endpoints as OpenRouter's `GET /models/{author}/{slug}/endpoints`
 * lists them, with what this gateway has observed of each: uptime, error
 * rate, time to first token and throughput (null until measured).
 * @see https://openrouter.ai/docs/api-reference/list-endpoints-for-a-model
 */
export function toOpenRouterEndpoints(endpoints: readonly Endpoint[], health: EndpointHealthReader | undefined) {
  const [model] = toOpenRouterModels(endpoints);
  if (!model) return undefined;
  return {
    id: model.id,
    name: model.name,
    created: model.created,
    description: model.description,
    architecture: model.architecture,
    endpoints: endpoints.map((endpoint) => {
      const stats = health?.stats(endpointKey(endpoint));
      const pricing = endpoint.model.pricing;
      return {
        name: `${endpoint.provider.name} | ${endpoint.model.providerModelId}`,
        provider_name: endpoint.provider.name,
        provider_id: endpoint.provider.id,
        tag: endpoint.provider.id,
        context_length: endpoint.model.contextLength,
        max_completion_tokens: endpoint.model.maxOutputTokens,
        max_prompt_tokens: null,
        quantization: null,
        pricing: {
          prompt: perMillionToPerTokenString(pricing.promptPerMillion),
          completion: perMillionToPerTokenString(pricing.completionPerMillion),
          request: perMillionToPerTokenString((pricing.requestMicros ?? 0) * 1_000_000),
          ...(pricing.cacheReadPerMillion === undefined ? {} : { input_cache_read: perMillionToPerTokenString(pricing.cacheReadPerMillion) }),
          ...(pricing.cacheWritePerMillion === undefined ? {} : { input_cache_write: perMillionToPerTokenString(pricing.cacheWritePerMillion) }),
        },
        supported_parameters: [...endpoint.model.supportedParameters].sort(),
        // 0 means serving; negative values mean degraded or down, as OpenRouter reports status.
        status: stats?.state === "open" ? -2 : stats?.state === "half-open" ? -1 : 0,
        uptime_last_30m: stats ? Math.round(stats.uptime * 10_000) / 100 : null,
        error_rate: stats?.errorRate ?? null,
        latency_ms: stats?.timeToFirstTokenMs === null || stats === undefined ? null : Math.round(stats.timeToFirstTokenMs),
        throughput_tokens_per_second: stats?.tokensPerSecond === null || stats === undefined ? null : Math.round(stats.tokensPerSecond * 10) / 10,
      };
    }),
  };
}
