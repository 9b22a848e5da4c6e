import { composeSentence } from "./compose-prose";
import type { Random } from "./create-random";
import { describeTopic, type Question } from "./extract-keywords";
import { cities, personNames, tags } from "./phrase-bank";

/**
 * Builds a value that fits a JSON Schema, for tool-call arguments and
 * structured outputs. It covers what tool and response schemas use in
 * practice (types, enum, const, default, properties and required, items,
 * anyOf/oneOf/allOf, local $ref, numeric and length bounds, common string
 * formats); `pattern` is not attempted. Strings are guessed from the
 * property's name so that arguments read like a real model's.
 * @see https://json-schema.org/understanding-json-schema/reference
 */
export interface SchemaValueOptions {
  random: Random;
  question: Question;
  /** Tool calls fill optional properties only sometimes; structured outputs fill them all. */
  optionalProperties: "all" | "some";
}

type Schema = Record<string, unknown>;

/** Deep enough for real schemas, shallow enough to stop recursive $refs. */
const maximumDepth = 8;

export function generateFromJsonSchema(schema: unknown, options: SchemaValueOptions): unknown {
  return generate(schema, options, { root: isSchema(schema) ? schema : {}, depth: 0, propertyName: "" });
}

interface Position {
  root: Schema;
  depth: number;
  propertyName: string;
}

function generate(schema: unknown, options: SchemaValueOptions, position: Position): unknown {
  if (position.depth > maximumDepth) return null;
  // `true` and `{}` accept anything; a string is the most natural answer.
  if (!isSchema(schema)) return generateString({}, options, position);
  const deeper = { ...position, depth: position.depth + 1 };

  if (typeof schema.$ref === "string") return generate(resolveReference(schema.$ref, position.root), options, deeper);
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ("default" in schema) return schema.default;

  const alternatives = firstArray(schema.anyOf) ?? firstArray(schema.oneOf);
  if (alternatives) {
    const chosen = alternatives.find((alternative) => !(isSchema(alternative) && alternative.type === "null")) ?? alternatives[0];
    return generate(chosen, options, deeper);
  }
  const parts = firstArray(schema.allOf);
  if (parts) {
    const own = Object.fromEntries(Object.entries(schema).filter(([key]) => key !== "allOf"));
    return generate(mergeSchemas([own, ...parts], position.root), options, deeper);
  }

  switch (typeOf(schema)) {
    case "object":
      return generateObject(schema, options, deeper);
    case "array":
      return generateArray(schema, options, deeper);
    case "integer":
      return generateNumber(schema, options, position, true);
    case "number":
      return generateNumber(schema, options, position, false);
    case "boolean":
      return /^(is|has|include|enable|use)/i.test(position.propertyName) ? true : options.random.chance(0.5);
    case "null":
      return null;
    default:
      return generateString(schema, options, position);
  }
}

function typeOf(schema: Schema): string {
  const type = schema.type;
  if (typeof type === "string") return type;
  if (Array.isArray(type)) {
    const concrete = type.find((entry) => entry !== "null");
    return typeof concrete === "string" ? concrete : "null";
  }
  if (isSchema(schema.properties)) return "object";
  if (schema.items !== undefined || schema.prefixItems !== undefined) return "array";
  return "string";
}

function generateObject(schema: Schema, options: SchemaValueOptions, position: Position): Record<string, unknown> {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((name) => typeof name === "string") : []);
  const result: Record<string, unknown> = {};
  for (const [name, propertySchema] of Object.entries(properties)) {
    const include = required.has(name) || options.optionalProperties === "all" || options.random.chance(0.5);
    if (include) result[name] = generate(propertySchema, options, { ...position, propertyName: name });
  }
  if (Object.keys(properties).length === 0 && isSchema(schema.additionalProperties)) {
    result.example = generate(schema.additionalProperties, options, { ...position, propertyName: "example" });
  }
  return result;
}

function generateArray(schema: Schema, options: SchemaValueOptions, position: Position): unknown[] {
  const prefixItems = firstArray(schema.prefixItems);
  if (prefixItems) return prefixItems.map((item) => generate(item, options, position));
  const minimum = typeof schema.minItems === "number" ? schema.minItems : 1;
  const maximum = typeof schema.maxItems === "number" ? schema.maxItems : Math.max(minimum, 3);
  const count = Math.min(maximum, Math.max(minimum, options.random.integer(1, 2)));
  const items: unknown[] = [];
  for (let index = 0; index < count; index++) items.push(generate(schema.items, options, position));
  return items;
}

function generateNumber(schema: Schema, options: SchemaValueOptions, position: Position, integer: boolean): number {
  const guess = guessNumber(nameWords(position.propertyName), options.random, integer);
  const lower = boundOf(schema.minimum) ?? offsetBound(schema.exclusiveMinimum, integer ? 1 : 0.01);
  const upper = boundOf(schema.maximum) ?? offsetBound(schema.exclusiveMaximum, integer ? -1 : -0.01);
  let value = guess;
  if (lower !== undefined && value < lower) value = upper !== undefined ? lower + (upper - lower) / 2 : lower;
  if (upper !== undefined && value > upper) value = lower !== undefined ? lower + (upper - lower) / 2 : upper;
  if (!integer) return Math.round(value * 100) / 100;
  // Rounding a midpoint may step outside an exclusive bound; clamp back inside.
  let rounded = Math.round(value);
  if (lower !== undefined && rounded < lower) rounded = Math.ceil(lower);
  if (upper !== undefined && rounded > upper) rounded = Math.floor(upper);
  return rounded;
}

function guessNumber(words: ReadonlySet<string>, random: Random, integer: boolean): number {
  const has = (...candidates: string[]) => candidates.some((candidate) => words.has(candidate));
  if (has("lat", "latitude")) return 38.72;
  if (has("lon", "lng", "longitude")) return -9.14;
  if (has("temp", "temperature")) return 21;
  if (has("year")) return 2025;
  if (has("age")) return 34;
  if (has("page")) return 1;
  if (has("offset", "index", "skip")) return 0;
  if (has("limit", "count", "max", "top", "num", "number", "size", "quantity", "result", "k", "n")) return random.integer(3, 10);
  if (has("price", "amount", "cost", "total", "budget")) return integer ? random.integer(10, 200) : random.integer(500, 20_000) / 100;
  return integer ? random.integer(1, 100) : random.integer(1, 10_000) / 100;
}

function boundOf(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function offsetBound(value: unknown, offset: number): number | undefined {
  const bound = boundOf(value);
  return bound === undefined ? undefined : bound + offset;
}

function generateString(schema: Schema, options: SchemaValueOptions, position: Position): string {
  const text = guessString(schema, options, position.propertyName);
  const maximumLength = boundOf(schema.maxLength);
  const minimumLength = boundOf(schema.minLength);
  let result = maximumLength !== undefined ? text.slice(0, maximumLength) : text;
  if (minimumLength !== undefined) while (result.length < minimumLength) result += result ? ` ${result}` : "x";
  return maximumLength !== undefined ? result.slice(0, maximumLength) : result;
}

function guessString(schema: Schema, options: SchemaValueOptions, propertyName: string): string {
  const { random, question } = options;
  const { keywords } = question;
  switch (schema.format) {
    case "date-time":
      return "2025-03-14T09:30:00Z";
    case "date":
      return "2025-03-14";
    case "time":
      return "09:30:00";
    case "email":
      return "alex.morgan@example.com";
    case "uri":
    case "url":
      return `https://example.com/${keywords[0] ?? "docs"}`;
    case "uuid":
      return [8, 4, 4, 4, 12].map((length) => random.string(length, "0123456789abcdef")).join("-");
    case "hostname":
      return "example.com";
    case "ipv4":
      return "192.0.2.10";
  }
  const words = nameWords(propertyName);
  const has = (...candidates: string[]) => candidates.some((candidate) => words.has(candidate));
  if (has("email", "mail")) return "alex.morgan@example.com";
  if (has("url", "uri", "link", "website", "href")) return `https://example.com/${keywords[0] ?? "docs"}`;
  if (has("city", "location", "place", "address", "destination", "origin", "where")) return question.properNouns[0] ?? random.pick(cities);
  if (has("country")) return "Portugal";
  if (has("timezone", "tz")) return "Europe/Lisbon";
  if (has("date", "day", "deadline", "when")) return "2025-03-14";
  if (has("time")) return "09:30";
  if (has("language", "lang", "locale")) return "en";
  if (has("currency")) return "USD";
  if (has("unit")) return "metric";
  if (has("color", "colour")) return "teal";
  if (has("phone")) return "+1-555-0100";
  if (has("id", "uuid", "key")) return `item_${random.string(8, "abcdefghijklmnopqrstuvwxyz0123456789")}`;
  if (has("query", "search", "keyword", "topic", "term", "prompt", "q")) return searchQuery(question);
  if (has("tag", "label", "category")) return random.pick(tags);
  if (has("title", "subject", "headline")) return `Notes on ${describeTopic(keywords)}`;
  if (has("name", "author", "user", "username", "owner", "assignee", "recipient")) return random.pick(personNames);
  if (has("path", "file", "filename", "directory", "folder")) return "docs/notes.md";
  if (has("expression", "formula")) return "2 * (3 + 4)";
  if (has("code", "snippet", "source")) return "console.log('hello')";
  if (has("status", "state")) return "active";
  if (has("sort", "order", "direction")) return "asc";
  if (words.size === 0 || has("description", "summary", "text", "content", "message", "body", "comment", "note", "reason", "answer", "explanation", "reply", "response", "instructions")) {
    return composeSentence(random, describeTopic(keywords));
  }
  return `sample ${propertyName.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase()}`;
}

/** The question's keywords, with names written as the user wrote them ("weather Lisbon"). */
function searchQuery(question: Question): string {
  if (question.keywords.length === 0) return question.properNouns[0] ?? "example search";
  return question.keywords
    .map((keyword) => question.properNouns.find((noun) => noun.toLowerCase() === keyword) ?? keyword)
    .join(" ");
}

/**
 * The words of a property name in any casing (`userId`, `user_id`,
 * `user-id`), each also without a plural "s", so heuristics match "tags" as "tag".
 */
function nameWords(propertyName: string): Set<string> {
  const words = propertyName
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const result = new Set(words);
  for (const word of words) if (word.length > 3 && word.endsWith("s")) result.add(word.slice(0, -1));
  return result;
}

function resolveReference(reference: string, root: Schema): unknown {
  if (reference === "#") return root;
  if (!reference.startsWith("#/")) return {};
  let current: unknown = root;
  for (const segment of reference.slice(2).split("/")) {
    if (!isSchema(current)) return {};
    current = current[segment.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return current;
}

function mergeSchemas(parts: unknown[], root: Schema): Schema {
  let merged: Schema = {};
  let properties: Schema = {};
  let required: unknown[] = [];
  for (const part of parts) {
    const resolved = isSchema(part) && typeof part.$ref === "string" ? resolveReference(part.$ref, root) : part;
    if (!isSchema(resolved)) continue;
    merged = { ...merged, ...resolved };
    if (isSchema(resolved.properties)) properties = { ...properties, ...resolved.properties };
    if (Array.isArray(resolved.required)) required = [...required, ...resolved.required];
  }
  return { ...merged, type: merged.type ?? "object", properties, required };
}

function firstArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) && value.length > 0 ? value : undefined;
}

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
