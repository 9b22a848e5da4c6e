/**
 * Seeded randomness so that the simulated provider answers the same request
 * with the same output every time: tests can assert exact text and a demo
 * looks stable across reloads.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [minimum, maximum], both inclusive. */
  integer(minimum: number, maximum: number): number;
  chance(probability: number): boolean;
  pick<Item>(items: readonly Item[]): Item;
  /** A string of `length` characters drawn from `alphabet`. */
  string(length: number, alphabet?: string): string;
}

const alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * cyrb53: a fast, well-mixed 53-bit string hash. Not cryptographic, which is
 * fine: it only seeds a generator of plausible text.
 */
export function hashText(text: string, seed = 0): number {
  let first = 0xdeadbeef ^ seed;
  let second = 0x41c6ce57 ^ seed;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    first = Math.imul(first ^ code, 2654435761);
    second = Math.imul(second ^ code, 1597334677);
  }
  first = Math.imul(first ^ (first >>> 16), 2246822507);
  first ^= Math.imul(second ^ (second >>> 13), 3266489909);
  second = Math.imul(second ^ (second >>> 16), 2246822507);
  second ^= Math.imul(first ^ (first >>> 13), 3266489909);
  return 4294967296 * (2097151 & second) + (first >>> 0);
}

/** mulberry32, seeded from a (possibly 53-bit) hash folded to 32 bits. */
export function createRandom(seed: number): Random {
  let state = (seed ^ Math.floor(seed / 4294967296)) >>> 0;

  function next(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  }

  function integer(minimum: number, maximum: number): number {
    return minimum + Math.floor(next() * (maximum - minimum + 1));
  }

  return {
    next,
    integer,
    chance: (probability) => next() < probability,
    pick<Item>(items: readonly Item[]): Item {
      // By length, not by the item: a list may hold undefined on purpose (the fuzz test's "no header").
      if (items.length === 0) throw new Error("pick() needs a non-empty list.");
      return items[integer(0, items.length - 1)] as Item;
    },
    string(length, alphabet = alphanumeric) {
      let result = "";
      for (let index = 0; index < length; index++) result += alphabet.charAt(integer(0, alphabet.length - 1));
      return result;
    },
  };
}

/** A generator for one named part of a reply, independent of how much randomness other parts used. */
export function createRandomFor(baseSeed: number, purpose: string): Random {
  return createRandom(hashText(purpose, baseSeed >>> 0));
}
