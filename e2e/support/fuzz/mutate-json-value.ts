import { JSON_TYPES, PROTOTYPE_KEYS, randomJsonValue, randomKey, randomNumber, randomString, UNICODE_EDGE_CASES, type JsonType } from "./generate-json-value";
import { cloneValue, RawJson, type FuzzValue } from "./json-text";
import type { SeededRandom } from "./seeded-random";

type Container = FuzzValue[] | { [key: string]: FuzzValue };

/** A place in a value: the container and the key or index in it. */
export interface Slot {
  parent: Container;
  key: string | number;
  path: string;
}

/** Every place in `value` that holds a value, parents before children. */
export function collectSlots(value: FuzzValue, path = ""): Slot[] {
  if (value === null || typeof value !== "object" || value instanceof RawJson) return [];
  const slots: Slot[] = [];
  const entries: Array<[string | number, FuzzValue]> = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  for (const [key, item] of entries) {
    const itemPath = typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    slots.push({ parent: value, key, path: itemPath });
    slots.push(...collectSlots(item, itemPath));
  }
  return slots;
}

export function typeOf(value: FuzzValue): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (value instanceof RawJson) return "number";
  return typeof value as "boolean" | "number" | "string" | "object";
}

export function readSlot(slot: Slot): FuzzValue {
  return (slot.parent as Record<string | number, FuzzValue>)[slot.key] as FuzzValue;
}

export function writeSlot(slot: Slot, value: FuzzValue): void {
  // defineProperty rather than assignment, so a key named __proto__ stays a key.
  if (Array.isArray(slot.parent)) slot.parent[slot.key as number] = value;
  else Object.defineProperty(slot.parent, slot.key, { value, enumerable: true, writable: true, configurable: true });
}

/** Values of the wrong type for any field: one of each JSON type, plus the NaN-like and huge ones. */
export function wrongValuesFor(original: FuzzValue): FuzzValue[] {
  const originalType = typeOf(original);
  const byType: Record<JsonType, FuzzValue> = { null: null, boolean: true, number: -1, string: "wrong", array: [], object: {} };
  return [
    ...JSON_TYPES.filter((type) => type !== originalType).map((type) => byType[type]),
    "NaN",
    new RawJson("1e999"),
    new RawJson("-0"),
    Number.MAX_VALUE,
    -2147483649,
    [original],
    { value: original },
  ];
}

function wrap(slot: Slot, random: SeededRandom): string {
  const value = readSlot(slot);
  writeSlot(slot, random.chance(0.5) ? [value] : Object.fromEntries([[randomKey(random), value]]));
  return `wrap ${slot.path}`;
}

const MUTATIONS = {
  drop(slot: Slot) {
    if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
    else delete slot.parent[slot.key as string];
    return `drop ${slot.path}`;
  },
  duplicate(slot: Slot, random: SeededRandom) {
    const copy = cloneValue(readSlot(slot));
    if (Array.isArray(slot.parent)) {
      slot.parent.splice(slot.key as number, 0, ...Array.from({ length: random.integer(1, 3) }, () => cloneValue(copy)));
      return `duplicate ${slot.path}`;
    }
    const key = random.chance(0.5) ? randomKey(random) : random.pick(Object.keys(slot.parent));
    writeSlot({ ...slot, key }, copy);
    return `copy ${slot.path} to ${key}`;
  },
  retype(slot: Slot, random: SeededRandom) {
    const type = random.pick(JSON_TYPES.filter((candidate) => candidate !== typeOf(readSlot(slot))));
    writeSlot(slot, randomJsonValue(random, 2, type));
    return `retype ${slot.path} to ${type}`;
  },
  wrongValue(slot: Slot, random: SeededRandom) {
    writeSlot(slot, random.pick(wrongValuesFor(readSlot(slot))));
    return `wrong value at ${slot.path}`;
  },
  nullify(slot: Slot) {
    writeSlot(slot, null);
    return `null at ${slot.path}`;
  },
  nanLike(slot: Slot, random: SeededRandom) {
    writeSlot(slot, random.pick<FuzzValue>(["NaN", "Infinity", "-Infinity", new RawJson("NaN"), new RawJson("Infinity"), "1e999"]));
    return `NaN-like at ${slot.path}`;
  },
  hugeNumber(slot: Slot, random: SeededRandom) {
    writeSlot(slot, random.pick<FuzzValue>([Number.MAX_VALUE, 1e21, 2 ** 53 + 2, new RawJson("1e999"), new RawJson("9".repeat(400)), 4294967296]));
    return `huge number at ${slot.path}`;
  },
  negative(slot: Slot, random: SeededRandom) {
    writeSlot(slot, random.pick<FuzzValue>([-1, -0.5, -2147483649, -Number.MAX_VALUE, new RawJson("-0")]));
    return `negative at ${slot.path}`;
  },
  number(slot: Slot, random: SeededRandom) {
    writeSlot(slot, randomNumber(random));
    return `number at ${slot.path}`;
  },
  string(slot: Slot, random: SeededRandom) {
    writeSlot(slot, random.chance(0.5) ? random.pick(UNICODE_EDGE_CASES) : randomString(random));
    return `string at ${slot.path}`;
  },
  empty(slot: Slot, random: SeededRandom) {
    writeSlot(slot, random.pick<FuzzValue>(["", [], {}]));
    return `empty at ${slot.path}`;
  },
  wrap,
  unknownField(slot: Slot, random: SeededRandom) {
    const target = readSlot(slot);
    const key = randomKey(random);
    if (target === null || typeof target !== "object" || Array.isArray(target) || target instanceof RawJson) return wrap(slot, random);
    writeSlot({ parent: target, key, path: `${slot.path}.${key}` }, randomJsonValue(random, 2));
    return `add ${slot.path}.${key}`;
  },
  prototypeKey(slot: Slot, random: SeededRandom) {
    const target = readSlot(slot);
    if (target === null || typeof target !== "object" || Array.isArray(target) || target instanceof RawJson) return wrap(slot, random);
    const key = random.pick(PROTOTYPE_KEYS);
    writeSlot({ parent: target, key, path: `${slot.path}.${key}` }, randomJsonValue(random, 2, "object"));
    return `add ${slot.path}.${key}`;
  },
} satisfies Record<string, (slot: Slot, random: SeededRandom) => string>;

/**
 * Applies one to three random mutations to a copy of `value` and says which.
 * The value is wrapped so that the root itself can be mutated too.
 */
export function mutateJsonValue(value: FuzzValue, random: SeededRandom): { value: FuzzValue; mutations: string[] } {
  const root: { body: FuzzValue } = { body: cloneValue(value) };
  const mutations: string[] = [];
  const count = random.integer(1, 3);
  for (let step = 0; step < count; step++) {
    const slots = collectSlots(root);
    // The body itself was dropped: nothing is left to mutate, and nothing is what gets sent.
    if (slots.length === 0) break;
    const slot = random.chance(0.05) || slots.length === 1 ? slots[0]! : random.pick(slots.slice(1));
    const name = random.pick(Object.keys(MUTATIONS) as Array<keyof typeof MUTATIONS>);
    mutations.push(MUTATIONS[name](slot, random));
  }
  return { value: root.body ?? null, mutations };
}
