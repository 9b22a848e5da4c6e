import { createRandomFor } from "./create-random";
import type { SimulatedModel } from "./simulated-models";

/** Delays in milliseconds for one reply. */
export interface Pace {
  beforeFirstToken(): number;
  forTokens(tokenCount: number): number;
}

/**
 * Paces a reply like the model's real counterpart: its time to first token,
 * then its tokens per second, each varied a little (seeded, so a replayed
 * request keeps its timing) because real latency is never flat.
 * `delayMultiplier` is the provider's speed times any slow-down fault; 0
 * means no delays at all.
 */
export function planTiming(simulated: SimulatedModel, delayMultiplier: number, seed: number): Pace {
  const random = createRandomFor(seed, "timing");
  const vary = (spread: number) => 1 - spread + random.next() * spread * 2;
  return {
    beforeFirstToken: () => (delayMultiplier === 0 ? 0 : simulated.timeToFirstTokenMilliseconds * delayMultiplier * vary(0.1)),
    forTokens: (tokenCount) =>
      delayMultiplier === 0 || tokenCount === 0 ? 0 : ((tokenCount * 1000) / simulated.tokensPerSecond) * delayMultiplier * vary(0.3),
  };
}
