import { randomJsonValue, randomKey, randomWord, UNICODE_EDGE_CASES } from "./generate-json-value";
import { authorization, LARGE_TIMEOUT_MS, TIMEOUT_MS, type FuzzCase, type FuzzContext } from "./fuzz-case";
import { BODY_TARGETS, MAX_REQUEST_BYTES, type BodyTarget } from "./fuzz-targets";
import { cloneValue, RawJson, toJsonText, type FuzzValue } from "./json-text";
import { collectSlots, mutateJsonValue, readSlot, typeOf, writeSlot } from "./mutate-json-value";
import type { SeededRandom } from "./seeded-random";

/** A POST of `body` to `target` with a valid key; what may answer follows from the bytes alone. */
export function bodyCase(
  context: FuzzContext,
  target: BodyTarget,
  category: string,
  description: string,
  body: Buffer | Buffer[],
  contentType: string | undefined = "application/json",
): FuzzCase {
  const bytes = Array.isArray(body) ? Buffer.concat(body) : body;
  const headers: Record<string, string> = { ...authorization(context.apiKey) };
  if (contentType !== undefined) headers["Content-Type"] = contentType;
  const tooLarge = bytes.length > MAX_REQUEST_BYTES;
  return {
    category,
    description: `${target.name}: ${description} (${bytes.length} bytes)`,
    request: { method: "POST", path: target.path, headers, body },
    expectation: tooLarge ? { errorShape: target.errorShape, status: 413 } : { errorShape: target.errorShape, success: target.judge(bytes) },
    timeoutMs: bytes.length > 1_000_000 ? LARGE_TIMEOUT_MS : TIMEOUT_MS,
  };
}

const text = (value: FuzzValue) => Buffer.from(toJsonText(value));

/** Replaces the value at one random place of a copy of `base` (or the whole of it, now and then). */
function replaceSomewhere(base: FuzzValue, random: SeededRandom, replacement: (original: FuzzValue) => FuzzValue): { value: FuzzValue; path: string } {
  const root: { body: FuzzValue } = { body: cloneValue(base) };
  const slots = collectSlots(root);
  const slot = random.chance(0.05) ? slots[0]! : random.pick(slots.slice(1));
  writeSlot(slot, replacement(readSlot(slot)));
  return { value: root.body, path: slot.path };
}

/** Puts `value` at one random string of a copy of `base`, so it reaches the code that reads text. */
function replaceAString(base: FuzzValue, random: SeededRandom, value: FuzzValue): { value: FuzzValue; path: string } {
  const root: { body: FuzzValue } = { body: cloneValue(base) };
  const strings = collectSlots(root).filter((slot) => typeOf(readSlot(slot)) === "string");
  const slot = random.pick(strings);
  writeSlot(slot, value);
  return { value: root.body, path: slot.path };
}

/** Each generator of a body case, by category. */
export const BODY_CASES: Record<string, (context: FuzzContext, random: SeededRandom, target: BodyTarget) => FuzzCase> = {
  "random-json"(context, random, target) {
    if (random.chance(0.1)) {
      const garbage = Buffer.from(Array.from({ length: random.integer(1, 200) }, () => random.integer(0, 255)));
      return bodyCase(context, target, "random-json", "random bytes", garbage);
    }
    const value = randomJsonValue(random, random.integer(0, 5));
    return bodyCase(context, target, "random-json", `random ${typeOf(value)}`, text(value));
  },

  "mutated-request"(context, random, target) {
    const { value, mutations } = mutateJsonValue(random.pick(target.bases), random);
    return bodyCase(context, target, "mutated-request", mutations.join("; "), text(value));
  },

  unicode(context, random, target) {
    const edge = random.pick(UNICODE_EDGE_CASES);
    const { value, path } = replaceAString(random.pick(target.bases), random, edge);
    return bodyCase(context, target, "unicode", `${toJsonText(edge).slice(0, 40)} at ${path}`, text(value));
  },

  "huge-string"(context, random, target) {
    const megabytes = random.pick([1, 2, 4, 8]);
    const unit = random.pick(["word ", "日本語", "\\u0000", '\\"', "\\ud800", "<|endoftext|> "]);
    // Written raw, so escapes count as the bytes they take on the wire.
    const huge = new RawJson(`"${unit.repeat(Math.floor((megabytes * 1024 * 1024) / Buffer.byteLength(unit)))}"`);
    const { value, path } = random.chance(0.2)
      ? { value: { ...(cloneValue(random.pick(target.bases)) as Record<string, FuzzValue>), [randomWord(random)]: huge }, path: "an unknown field" }
      : replaceAString(random.pick(target.bases), random, huge);
    return bodyCase(context, target, "huge-string", `${megabytes} MB of ${JSON.stringify(unit)} at ${path}`, text(value));
  },

  "deep-nesting"(context, random, target) {
    const depth = random.pick([64, 127, 128, 129, 256, 1000, 10_000, 100_000]);
    const shape = random.pick(["array", "object", "mixed"] as const);
    const closed = random.chance(0.85);
    const nested = new RawJson(nest(depth, shape, closed));
    const whole = random.chance(0.15);
    const { value, path } = whole ? { value: nested, path: "the body" } : replaceSomewhere(random.pick(target.bases), random, () => nested);
    return bodyCase(context, target, "deep-nesting", `${depth} levels of ${shape}${closed ? "" : " (unclosed)"} at ${path}`, text(value));
  },

  "invalid-utf8"(context, random, target) {
    const valid = text(random.pick(target.bases));
    const variant = random.integer(0, 3);
    if (variant === 0) return bodyCase(context, target, "invalid-utf8", "a byte order mark first", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), valid]));
    if (variant === 1) return bodyCase(context, target, "invalid-utf8", "UTF-16LE", Buffer.from(valid.toString("utf8"), "utf16le"));
    const sequence = random.pick(INVALID_UTF8);
    // Inside a string mostly, where a lenient decoder would let it through.
    const quotes = [...valid.entries()].filter(([, byte]) => byte === 0x22).map(([index]) => index);
    const at = random.chance(0.8) && quotes.length ? random.pick(quotes) + 1 : random.integer(0, valid.length);
    const body = Buffer.concat([valid.subarray(0, at), Buffer.from(sequence), valid.subarray(at)]);
    return bodyCase(context, target, "invalid-utf8", `bytes ${Buffer.from(sequence).toString("hex")} at ${at}`, body);
  },

  "truncated-json"(context, random, target) {
    const valid = text(random.pick(target.bases)).toString("utf8");
    const at = random.integer(1, valid.length - 1);
    const tail = random.pick(["", "", " ", "}", "]", "xyz", '"', "{}", valid]);
    return bodyCase(context, target, "truncated-json", `cut at ${at} of ${valid.length}, then ${JSON.stringify(tail.slice(0, 10))}`, Buffer.from(valid.slice(0, at) + tail));
  },

  "content-type"(context, random, target) {
    const contentType = random.pick([undefined, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=fuzz", "application/xml", "application/json; charset=utf-16", "*/*", "application/json"]);
    const body = random.pick([
      () => text(random.pick(target.bases)),
      () => Buffer.from("model=simulated%2Fswift-mini&messages=hello"),
      () => Buffer.from('--fuzz\r\nContent-Disposition: form-data; name="model"\r\n\r\nsimulated/swift-mini\r\n--fuzz--\r\n'),
      () => Buffer.from("<request><model>simulated/swift-mini</model></request>"),
    ])();
    return bodyCase(context, target, "content-type", `Content-Type ${contentType ?? "(none)"}`, body, contentType);
  },

  "empty-body"(context, random, target) {
    const body = random.pick(["", " ", "\r\n", "null", "{}", "[]", "0", '""', "true", "\u0000"]);
    return bodyCase(context, target, "empty-body", JSON.stringify(body), Buffer.from(body));
  },

  "over-limit"(context, random, target) {
    const size = random.pick([MAX_REQUEST_BYTES + 1, MAX_REQUEST_BYTES + 65_536, 2 * MAX_REQUEST_BYTES]);
    const exact = random.chance(0.25);
    // A valid request padded with whitespace: at exactly the limit it is still served; one byte more is not.
    const valid = text(random.pick(target.bases));
    const padded = Buffer.alloc(exact ? MAX_REQUEST_BYTES : size, 0x20);
    valid.copy(padded);
    const chunked = random.chance(0.5);
    const body = chunked ? splitIntoChunks(padded, 256 * 1024) : padded;
    const description = `${exact ? "exactly the limit" : "over the limit"}${chunked ? ", chunked" : ""}`;
    return bodyCase(context, target, "over-limit", description, body);
  },

  "unknown-fields"(context, random, target) {
    const value = cloneValue(random.pick(target.bases)) as Record<string, FuzzValue>;
    const added: string[] = [];
    for (let count = random.integer(1, 5); count > 0; count--) {
      const key = random.chance(0.5) ? `x_${randomWord(random)}` : randomKey(random);
      added.push(key);
      // As an own property: assigned, a "__proto__" key would swap the object's prototype instead.
      Object.defineProperty(value, key, { value: randomJsonValue(random, 3), enumerable: true, writable: true, configurable: true });
    }
    return bodyCase(context, target, "unknown-fields", `added ${added.join(", ")}`, text(value));
  },

  "duplicate-keys"(context, random, target) {
    const root: { body: FuzzValue } = { body: cloneValue(random.pick(target.bases)) };
    const objects = collectSlots(root).filter((slot) => typeOf(readSlot(slot)) === "object");
    const slot = random.pick(objects);
    const object = readSlot(slot) as Record<string, FuzzValue>;
    const keys = Object.keys(object);
    const key = keys.length ? random.pick(keys) : "model";
    const duplicateValue = random.chance(0.5) ? randomJsonValue(random, 2) : cloneValue(object[key] ?? null);
    const duplicate = `${JSON.stringify(key)}:${toJsonText(duplicateValue)}`;
    const written = toJsonText(object);
    // JSON.parse keeps the last of two equal keys: first, the original wins; last, the duplicate does.
    const first = random.chance(0.5);
    const withDuplicate = written === "{}" ? `{${duplicate}}` : first ? `{${duplicate},${written.slice(1)}` : `${written.slice(0, -1)},${duplicate}}`;
    writeSlot(slot, new RawJson(withDuplicate));
    return bodyCase(context, target, "duplicate-keys", `${key} twice (${first ? "first" : "last"}) in ${slot.path}`, text(root.body));
  },

  "prototype-keys"(context, random, target) {
    const key = random.pick(["__proto__", "constructor", "prototype"]);
    const payload = random.pick<FuzzValue>([
      { stream: true },
      { model: "simulated/sage-pro", max_tokens: 1 },
      { isAdmin: true, role: "admin", credits: 1e9 },
      { prototype: { stream: true, polluted: "yes" } },
      { toString: "not a function", valueOf: 1 },
      Object.fromEntries([["__proto__", { stream: true }]]),
      null,
      "string",
      [1, 2],
    ]);
    // In the body itself mostly, where a merge by assignment would change the request.
    const root: { body: FuzzValue } = { body: cloneValue(random.pick(target.bases)) };
    const objects = collectSlots(root).filter((slot) => typeOf(readSlot(slot)) === "object");
    const slot = random.chance(0.5) ? objects[0]! : random.pick(objects);
    const object = readSlot(slot) as Record<string, FuzzValue>;
    writeSlot(slot, Object.fromEntries([...Object.entries(object), [key, payload]]));
    return bodyCase(context, target, "prototype-keys", `${key}: ${toJsonText(payload).slice(0, 60)} in ${slot.path}`, text(root.body));
  },
};

/** `depth` levels of arrays, objects or both, closed or left open. */
function nest(depth: number, shape: "array" | "object" | "mixed", closed: boolean): string {
  if (shape === "array") return "[".repeat(depth) + (closed ? "]".repeat(depth) : "");
  if (shape === "object") return '{"a":'.repeat(depth) + "1" + (closed ? "}".repeat(depth) : "");
  const half = Math.ceil(depth / 2);
  return '[{"a":'.repeat(half) + "1" + (closed ? "}]".repeat(half) : "");
}

/** Malformed UTF-8: a lone continuation, overlong forms, an encoded surrogate, past U+10FFFF, truncated sequences, 0xFF. */
const INVALID_UTF8: readonly number[][] = [
  [0xff],
  [0xfe, 0xff],
  [0x80],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xc3],
  [0xe6, 0x97],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
];

function splitIntoChunks(buffer: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < buffer.length; offset += size) chunks.push(buffer.subarray(offset, offset + size));
  return chunks;
}

export function pickBodyTarget(random: SeededRandom): BodyTarget {
  // Chat completions is the busiest door; Anthropic's gets a third.
  return random.chance(0.66) ? BODY_TARGETS[0] : BODY_TARGETS[1];
}
