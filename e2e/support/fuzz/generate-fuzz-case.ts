import { BODY_CASES, bodyCase, pickBodyTarget } from "./generate-body-case";
import { JSON_TYPES, type JsonType } from "./generate-json-value";
import { ROUTE_CASES } from "./generate-route-case";
import type { FuzzCase, FuzzContext } from "./fuzz-case";
import { BODY_TARGETS, type BodyTarget } from "./fuzz-targets";
import { cloneValue, toJsonText, type FuzzValue } from "./json-text";
import { collectSlots, readSlot, typeOf, writeSlot } from "./mutate-json-value";
import { randomForCase, type SeededRandom } from "./seeded-random";

/**
 * How often each kind of case comes, out of the sum. The costly ones (several
 * MB each) are rare; mutations of valid requests, which reach deepest, are the
 * most common.
 */
const WEIGHTS: Record<string, number> = {
  "mutated-request": 24,
  "random-json": 8,
  unicode: 6,
  "unknown-fields": 6,
  "invalid-utf8": 5,
  "truncated-json": 5,
  "duplicate-keys": 4,
  "prototype-keys": 4,
  "content-type": 4,
  "deep-nesting": 3,
  "empty-body": 2,
  "huge-string": 0.6,
  "over-limit": 0.4,
  "bad-auth": 6,
  query: 10,
  path: 4,
  method: 3,
};

/** One value of every other JSON type at every place of every valid request: the cases that come first in a run. */
export interface WrongTypeCase {
  target: BodyTarget;
  base: FuzzValue;
  slotIndex: number;
  type: JsonType;
}

export function listWrongTypeCases(): WrongTypeCase[] {
  const cases: WrongTypeCase[] = [];
  for (const target of BODY_TARGETS) {
    for (const base of target.bases) {
      collectSlots({ body: base }).forEach((slot, slotIndex) => {
        for (const type of JSON_TYPES) if (type !== typeOf(readSlot(slot))) cases.push({ target, base, slotIndex, type });
      });
    }
  }
  return cases;
}

const WRONG_VALUES: Record<JsonType, FuzzValue> = { null: null, boolean: false, number: -1, string: "wrong", array: [], object: {} };

function wrongTypeCase(context: FuzzContext, { target, base, slotIndex, type }: WrongTypeCase): FuzzCase {
  const root: { body: FuzzValue } = { body: cloneValue(base) };
  const slot = collectSlots(root)[slotIndex]!;
  writeSlot(slot, WRONG_VALUES[type]);
  return bodyCase(context, target, "wrong-type", `${type} at ${slot.path}`, Buffer.from(toJsonText(root.body)));
}

function pickCategory(random: SeededRandom): string {
  const total = Object.values(WEIGHTS).reduce((sum, weight) => sum + weight, 0);
  let remaining = random.next() * total;
  for (const [name, weight] of Object.entries(WEIGHTS)) {
    remaining -= weight;
    if (remaining < 0) return name;
  }
  return "mutated-request";
}

/** Case `index` of the run with `seed`: the same seed and index make the same case. */
export function generateFuzzCase(context: FuzzContext, seed: number, index: number, wrongTypeCases: readonly WrongTypeCase[]): FuzzCase {
  const wrongType = wrongTypeCases[index];
  if (wrongType) return wrongTypeCase(context, wrongType);
  const random = randomForCase(seed, index);
  const category = pickCategory(random);
  const bodyCaseOf = BODY_CASES[category];
  if (bodyCaseOf) return bodyCaseOf(context, random, pickBodyTarget(random));
  return ROUTE_CASES[category]!(context, random);
}
