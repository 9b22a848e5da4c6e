import { blendedPrice } from "../catalog/blended-price";
import type { Endpoint } from "../catalog/create-catalog";
import type { EndpointHealthReader } from "./endpoint-health";
import { endpointKey } from "./endpoint-key";
import type { Exclusion, ProviderPreferences } from "./apply-provider-preferences";

export interface OrderOptions {
  /** Uniform in [0, 1); injected so tests can seed it. */
  random: () => number;
  health?: EndpointHealthReader;
  preferences?: Pick<ProviderPreferences, "order" | "sort" | "allow_fallbacks">;
}

export interface OrderedCandidates {
  /** First is the one to try; the rest are fallbacks, in order. */
  candidates: Endpoint[];
  excluded: Exclusion[];
}

/**
 * OpenRouter's default load balancing: among endpoints without a recent
 * outage, draw the first one with weight 1/price² (so a provider at half the
 * price gets four times the traffic); the others follow cheapest first, with
 * recently failing ones last. Endpoints whose breaker is open are left out.
 * When the client fixed the order (`provider.order` or `provider.sort`), the
 * incoming order is kept. `allow_fallbacks: false` without `order` keeps only
 * the first choice.
 * @see https://openrouter.ai/docs/features/provider-routing#price-based-load-balancing-default-strategy
 */
export function orderCandidates(endpoints: readonly Endpoint[], options: OrderOptions): OrderedCandidates {
  const { health, preferences } = options;
  const excluded: Exclusion[] = [];
  const available: Endpoint[] = [];
  for (const endpoint of endpoints) {
    if (health && !health.canAttempt(endpointKey(endpoint))) {
      excluded.push({ endpoint, reason: "temporarily unavailable after recent errors (circuit open)", temporary: true });
    } else {
      available.push(endpoint);
    }
  }

  const fixedOrder = (preferences?.order?.length ?? 0) > 0 || preferences?.sort !== undefined;
  let candidates: Endpoint[];
  if (fixedOrder) {
    candidates = available;
  } else {
    const byPrice = [...available].sort((left, right) => blendedPrice(left) - blendedPrice(right));
    const steady = byPrice.filter((endpoint) => !health?.hadRecentOutage(endpointKey(endpoint)));
    const shaky = byPrice.filter((endpoint) => health?.hadRecentOutage(endpointKey(endpoint)));
    const first = pickByInverseSquarePrice(steady, options.random);
    candidates = first ? [first, ...steady.filter((endpoint) => endpoint !== first), ...shaky] : shaky;
  }

  if (preferences?.allow_fallbacks === false && !(preferences.order?.length ?? 0)) {
    for (const endpoint of candidates.slice(1)) excluded.push({ endpoint, reason: "not the first choice and allow_fallbacks is false" });
    candidates = candidates.slice(0, 1);
  }
  return { candidates, excluded };
}

/**
 * Draws one endpoint with probability proportional to 1/price². Free
 * endpoints would weigh infinitely, so when there are any the draw is uniform
 * among them.
 */
export function pickByInverseSquarePrice(endpoints: readonly Endpoint[], random: () => number): Endpoint | undefined {
  const free = endpoints.filter((endpoint) => blendedPrice(endpoint) <= 0);
  const pool = free.length > 0 ? free : endpoints;
  const weights = pool.map((endpoint) => (free.length > 0 ? 1 : 1 / blendedPrice(endpoint) ** 2));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let remaining = random() * total;
  for (const [index, endpoint] of pool.entries()) {
    remaining -= weights[index] ?? 0;
    if (remaining < 0) return endpoint;
  }
  // Rounding can leave a sliver past the last weight.
  return pool.at(-1);
}

