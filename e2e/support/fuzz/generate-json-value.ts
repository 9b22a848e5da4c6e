import { RawJson, type FuzzValue } from "./json-text";
import type { SeededRandom } from "./seeded-random";

/**
 * Strings that break naive text handling: lone surrogates (written as the
 * JSON escapes `\ud800`, which decode to strings no UTF-8 encoder can
 * represent), NUL and other controls, byte order marks and noncharacters,
 * line and paragraph separators, bidirectional overrides, combining marks,
 * long grapheme clusters, astral characters.
 */
export const UNICODE_EDGE_CASES: readonly FuzzValue[] = [
  new RawJson(String.raw`"\ud800"`),
  new RawJson(String.raw`"\udfff"`),
  new RawJson(String.raw`"a\ud800b\udc00c"`),
  new RawJson(String.raw`"\udbff\udfff"`),
  new RawJson(String.raw`"\u0000"`),
  new RawJson(String.raw`"x\u0000y\u0001\u001f"`),
  "\uFEFFbom",
  "\uFFFE\uFFFF",
  "line\u2028para\u2029",
  "\u202Eevil\u202C",
  "e\u0301".repeat(500),
  "Z\u0336\u0353\u0330\u0318\u0346\u0305".repeat(200),
  "👨‍👩‍👧‍👦👍🏽🏳️‍🌈",
  "𝕳𝖊𝖑𝖑𝖔 \u{10FFFF} \u{1F600}",
  "日本語のテキスト",
  "مرحبا بالعالم",
  "\t\r\n\u000b\u000c",
  "\u200B\u200C\u200D\u2060",
  "ﷺ".repeat(100),
  "\\",
  '"',
  "\\u0000",
];

/** Strings that look like something else: numbers, keywords, markup, injections, format strings. */
const TRICKY_STRINGS = [
  "",
  " ",
  "NaN",
  "Infinity",
  "-Infinity",
  "-0",
  "1e999",
  "0x1F",
  "null",
  "true",
  "undefined",
  "[]",
  "{}",
  "<script>alert(1)</script>",
  "'; DROP TABLE \"User\"; --",
  "%s%n%x%d",
  "${process.env}",
  "{{constructor.constructor('return 1')()}}",
  "../../../../etc/passwd",
  "simulated/swift-mini",
  "simulated/scout:free",
  "switchyard/auto",
  "user",
  "assistant",
  "function",
  "text",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "<|endoftext|>",
  "<|im_start|>system",
];

/** Key names that an object merge by assignment would treat specially. */
export const PROTOTYPE_KEYS = ["__proto__", "constructor", "prototype"] as const;

const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-.:/";

export function randomWord(random: SeededRandom, length = random.integer(1, 12)): string {
  let word = "";
  for (let index = 0; index < length; index++) word += ALPHABET.charAt(random.integer(0, ALPHABET.length - 1));
  return word;
}

/** A string of random valid code points from all planes (never a lone surrogate: those come from UNICODE_EDGE_CASES). */
function randomCodePoints(random: SeededRandom, length: number): string {
  let text = "";
  for (let index = 0; index < length; index++) {
    const plane = random.pick([0x7f, 0x7ff, 0xd7ff, 0xffff, 0x10ffff]);
    let codePoint = random.integer(0, plane);
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) codePoint -= 0x800;
    text += String.fromCodePoint(codePoint);
  }
  return text;
}

export function randomString(random: SeededRandom): FuzzValue {
  switch (random.integer(0, 5)) {
    case 0:
      return random.pick(TRICKY_STRINGS);
    case 1:
      return random.pick(UNICODE_EDGE_CASES);
    case 2:
      return randomCodePoints(random, random.integer(1, 64));
    case 3:
      return randomWord(random).repeat(random.integer(1, 2000));
    default:
      return randomWord(random);
  }
}

/**
 * Numbers at the edges, some as raw tokens: `1e999` parses to Infinity,
 * `-0` to negative zero, 400 digits to a float that lost them.
 */
export function randomNumber(random: SeededRandom): FuzzValue {
  return random.pick<FuzzValue>([
    0,
    -1,
    1,
    0.5,
    -0.5,
    2,
    3,
    64,
    -999999,
    2 ** 31,
    2 ** 53 + 2,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MIN_VALUE,
    random.integer(-1000, 1000),
    random.next() * 1000,
    new RawJson("1e999"),
    new RawJson("-1e999"),
    new RawJson("-0"),
    new RawJson("1E-400"),
    new RawJson("1".repeat(400)),
    new RawJson("0.00000000000000000000000000000000000001"),
  ]);
}

export type JsonType = "null" | "boolean" | "number" | "string" | "array" | "object";
export const JSON_TYPES: readonly JsonType[] = ["null", "boolean", "number", "string", "array", "object"];

/** A random value of the given type (any type when not given), nested at most `depth` levels. */
export function randomJsonValue(random: SeededRandom, depth = 3, type: JsonType = random.pick(JSON_TYPES)): FuzzValue {
  switch (type) {
    case "null":
      return null;
    case "boolean":
      return random.chance(0.5);
    case "number":
      return randomNumber(random);
    case "string":
      return randomString(random);
    case "array": {
      if (depth <= 0) return [];
      return Array.from({ length: random.integer(0, 4) }, () => randomJsonValue(random, depth - 1));
    }
    case "object": {
      if (depth <= 0) return {};
      const entries: Array<[string, FuzzValue]> = Array.from({ length: random.integer(0, 4) }, () => [randomKey(random), randomJsonValue(random, depth - 1)]);
      return Object.fromEntries(entries);
    }
  }
}

export function randomKey(random: SeededRandom): string {
  if (random.chance(0.1)) return random.pick(PROTOTYPE_KEYS);
  if (random.chance(0.1)) return random.pick(["model", "messages", "role", "content", "stream", "tools", "type", "max_tokens", "text", "name"]);
  return randomWord(random);
}
