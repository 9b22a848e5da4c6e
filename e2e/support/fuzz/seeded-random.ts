/**
 * A small seeded generator, so a fuzz run is replayed exactly from its seed
 * (FUZZ_SEED) and one case from the seed and its index.
 */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [minimum, maximum], both inclusive. */
  integer(minimum: number, maximum: number): number;
  chance(probability: number): boolean;
  pick<Item>(items: readonly Item[]): Item;
}

/** sfc32 seeded through splitmix32: good enough spread for picking test inputs, and cheap. */
export function createSeededRandom(seed: number): SeededRandom {
  let mix = seed >>> 0;
  const splitmix = () => {
    mix = (mix + 0x9e3779b9) >>> 0;
    let value = mix;
    value = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
    value = Math.imul(value ^ (value >>> 13), 0xc2b2ae35);
    return (value ^ (value >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let counter = 1;

  function next(): number {
    const result = (a + b + counter) >>> 0;
    counter = (counter + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + result) >>> 0;
    return result / 4294967296;
  }

  function integer(minimum: number, maximum: number): number {
    return minimum + Math.floor(next() * (maximum - minimum + 1));
  }

  return {
    next,
    integer,
    chance: (probability) => next() < probability,
    pick<Item>(items: readonly Item[]): Item {
      if (items.length === 0) throw new Error("pick() needs a non-empty list.");
      return items[integer(0, items.length - 1)] as Item;
    },
  };
}

/** The generator of case `index` of a run: each case draws from its own, so one can be replayed alone. */
export function randomForCase(seed: number, index: number): SeededRandom {
  return createSeededRandom((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca77)) >>> 0);
}
