import type { Endpoint } from "../catalog/create-catalog";

/**
 * Names one provider's offer of one model, for health records and policy
 * maps: `groq/meta-llama/llama-3.1-8b-instruct`. Provider ids hold no slash,
 * so the first segment is always the provider.
 */
export function endpointKey(endpoint: Endpoint): string {
  return `${endpoint.provider.id}/${endpoint.model.id}`;
}
