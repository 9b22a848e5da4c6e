import type { Endpoint } from "./create-catalog";

/** Prompt plus completion price per million tokens, in micro-dollars: how endpoints are compared by price. */
export function blendedPrice(endpoint: Pick<Endpoint, "model">): number {
  return endpoint.model.pricing.promptPerMillion + endpoint.model.pricing.completionPerMillion;
}
