import { createRandom, type Random } from "@/lib/gateway/providers/simulated/create-random";

/**
 * The fuzz test draws from the simulated provider's seeded generator, so a
 * run is replayed exactly from its seed (FUZZ_SEED) and one case from the
 * seed and its index.
 */
export type SeededRandom = Random;

/** The generator of case `index` of a run: each case draws from its own, so one can be replayed alone. */
export function randomForCase(seed: number, index: number): SeededRandom {
  return createRandom((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca77)) >>> 0);
}
