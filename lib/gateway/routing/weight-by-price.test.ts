import { describe, expect, it } from "vitest";
import type { Endpoint } from "../catalog/create-catalog";
import { makeEndpoint, providerIds, seededRandom } from "./__fixtures__/endpoints";
import { createEndpointHealth } from "./endpoint-health";
import { orderCandidates, pickByInverseSquarePrice } from "./weight-by-price";

function priced(provider: string, dollarsPerMillion: number): Endpoint {
  // Split evenly so the blended price is the given figure.
  const half = (dollarsPerMillion * 1_000_000) / 2;
  return makeEndpoint({ provider, pricing: { promptPerMillion: half, completionPerMillion: half } });
}

function share(endpoints: Endpoint[], winner: string, draws: number, seed = 42): number {
  const random = seededRandom(seed);
  let wins = 0;
  for (let draw = 0; draw < draws; draw++) {
    if (orderCandidates(endpoints, { random }).candidates[0]?.provider.id === winner) wins++;
  }
  return wins / draws;
}

describe("pickByInverseSquarePrice", () => {
  it("picks by the random draw against cumulative weights", () => {
    const cheap = priced("cheap", 1);
    const dear = priced("dear", 2);
    // Weights 1 and 1/4: the cheap one owns [0, 0.8).
    expect(pickByInverseSquarePrice([cheap, dear], () => 0.79)).toBe(cheap);
    expect(pickByInverseSquarePrice([cheap, dear], () => 0.81)).toBe(dear);
    expect(pickByInverseSquarePrice([], () => 0.5)).toBeUndefined();
  });

  it("draws uniformly among free endpoints when there are any", () => {
    const free = [priced("free-a", 0), priced("free-b", 0)];
    expect(pickByInverseSquarePrice([priced("paid", 1), ...free], () => 0.25)).toBe(free[0]);
    expect(pickByInverseSquarePrice([priced("paid", 1), ...free], () => 0.75)).toBe(free[1]);
  });
});

describe("orderCandidates", () => {
  it("picks the cheaper of prices 1 and 2 about 80% of the time (1/1² : 1/2² = 4:1)", () => {
    // The standard error over 10,000 draws is 0.004; 0.02 is five of them.
    expect(Math.abs(share([priced("dear", 2), priced("cheap", 1)], "cheap", 10_000) - 0.8)).toBeLessThan(0.02);
  });

  it("weights three endpoints by inverse square price", () => {
    // 1 : 1/4 : 1/16 = 16 : 4 : 1.
    const endpoints = [priced("a", 1), priced("b", 2), priced("c", 4)];
    expect(Math.abs(share(endpoints, "a", 20_000) - 16 / 21)).toBeLessThan(0.02);
    expect(Math.abs(share(endpoints, "c", 20_000) - 1 / 21)).toBeLessThan(0.01);
  });

  it("is deterministic for a given random source", () => {
    const endpoints = [priced("a", 1), priced("b", 1.5), priced("c", 2)];
    const picks = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 50 }, () => orderCandidates(endpoints, { random }).candidates[0]?.provider.id);
    };
    const first = picks(7);
    const second = picks(7);
    expect(new Set(first).size).toBeGreaterThan(1);
    expect(first).toEqual(second);
  });

  it("orders the fallbacks by price after the drawn endpoint", () => {
    const endpoints = [priced("c", 4), priced("a", 1), priced("b", 2)];
    // 0.99 lands in the last weight slot (the dearest).
    expect(providerIds(orderCandidates(endpoints, { random: () => 0.99 }).candidates)).toEqual(["c", "a", "b"]);
    expect(providerIds(orderCandidates(endpoints, { random: () => 0 }).candidates)).toEqual(["a", "b", "c"]);
  });

  it("excludes endpoints in cooldown, with a reason", () => {
    const health = createEndpointHealth({ now: () => 0, consecutiveFailureLimit: 1 });
    health.recordFailure("a/vendor/model");
    const result = orderCandidates([priced("a", 1), priced("b", 2)], { random: () => 0, health });
    expect(providerIds(result.candidates)).toEqual(["b"]);
    expect(result.excluded.map((exclusion) => [exclusion.endpoint.provider.id, exclusion.reason, exclusion.temporary])).toEqual([
      ["a", "temporarily unavailable after recent errors (circuit open)", true],
    ]);
  });

  it("keeps recently failing endpoints out of the draw but last among the fallbacks", () => {
    const health = createEndpointHealth({ now: () => 0, consecutiveFailureLimit: 5 });
    health.recordFailure("a/vendor/model");
    const result = orderCandidates([priced("a", 1), priced("b", 2), priced("c", 3)], { random: () => 0, health });
    expect(providerIds(result.candidates)).toEqual(["b", "c", "a"]);
  });

  it("falls back to recently failing endpoints when nothing else is left", () => {
    const health = createEndpointHealth({ now: () => 0 });
    health.recordFailure("a/vendor/model");
    expect(providerIds(orderCandidates([priced("a", 1)], { random: () => 0, health }).candidates)).toEqual(["a"]);
  });

  it("keeps a client-fixed order (order or sort) instead of drawing", () => {
    const endpoints = [priced("c", 4), priced("a", 1)];
    expect(providerIds(orderCandidates(endpoints, { random: () => 0, preferences: { sort: "throughput" } }).candidates)).toEqual(["c", "a"]);
    expect(providerIds(orderCandidates(endpoints, { random: () => 0, preferences: { order: ["c"] } }).candidates)).toEqual(["c", "a"]);
  });

  it("keeps only the first choice when fallbacks are off and nothing is ordered", () => {
    const result = orderCandidates([priced("a", 1), priced("b", 2)], { random: () => 0.9, preferences: { allow_fallbacks: false } });
    expect(providerIds(result.candidates)).toEqual(["b"]);
    expect(result.excluded.map((exclusion) => exclusion.reason)).toEqual(["not the first choice and allow_fallbacks is false"]);
    // With an order, every ordered provider stays (applyProviderPreferences removed the rest).
    const ordered = orderCandidates([priced("a", 1), priced("b", 2)], { random: () => 0, preferences: { order: ["a", "b"], allow_fallbacks: false } });
    expect(providerIds(ordered.candidates)).toEqual(["a", "b"]);
  });
});
