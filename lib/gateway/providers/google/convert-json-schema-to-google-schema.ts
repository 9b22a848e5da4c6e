import { UnsupportedFeatureError } from "../../errors";

/** Gemini's Schema object: an OpenAPI 3.0 subset. */
export type GoogleSchema = { [key: string]: unknown };

type JsonSchemaObject = Record<string, unknown>;

/** Keywords Gemini's Schema takes as they are in JSON Schema. */
const COPIED_KEYWORDS = [
  "title",
  "description",
  "minItems",
  "maxItems",
  "minProperties",
  "maxProperties",
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
] as const;

/** The only formats Gemini accepts, per type; others are rejected with a 400. */
const ALLOWED_FORMATS: Record<string, string[]> = {
  string: ["enum", "date-time"],
  integer: ["int32", "int64"],
  number: ["float", "double"],
};

const SCALAR_TYPES = new Set(["string", "number", "integer", "boolean", "array", "object"]);

interface Context {
  root: JsonSchemaObject;
  /** Where the schema came from in the client's request, for error messages. */
  param: string;
}

/**
 * A client's JSON Schema (tool parameters, response_format) as the subset
 * Gemini's Schema accepts. Keywords Gemini rejects outright ($schema,
 * additionalProperties, default, examples, patternProperties, propertyNames,
 * $comment, ...) are left out; they only constrain validation, which Gemini
 * does not do. Nullability is Gemini's `nullable` flag, local $refs are
 * inlined, and what cannot be expressed (recursive $refs, tuples, non-local
 * refs) is rejected with a 400 naming where it is. Returns undefined for an
 * object schema with no properties, which Gemini wants left out.
 * @see https://ai.google.dev/api/caching#Schema
 * @see https://ai.google.dev/gemini-api/docs/function-calling#function_declarations
 */
export function convertJsonSchemaToGoogleSchema(schema: unknown, param: string): GoogleSchema | undefined {
  if (schema === undefined || schema === null) return undefined;
  const root = expectObject(schema, param);
  const converted = convertNode(root, { root, param }, []);
  const properties = converted.properties;
  const isEmptyObject = converted.type === "object" && (properties === undefined || Object.keys(properties as object).length === 0);
  return isEmptyObject ? undefined : converted;
}

function convertNode(node: JsonSchemaObject, context: Context, refStack: string[]): GoogleSchema {
  if (typeof node.$ref === "string") return convertRef(node, context, refStack);

  const variants = Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : undefined;
  if (variants) return convertVariants(node, variants, context, refStack);

  if (Array.isArray(node.allOf)) {
    if (node.allOf.length !== 1) fail(context, "allOf with more than one schema cannot be expressed in Gemini's schema.");
    const { allOf, ...rest } = node;
    return { ...convertNode(expectObject(allOf[0], context.param), context, refStack), ...copyKeywords(rest) };
  }

  const result: GoogleSchema = {};
  let nullable = node.nullable === true;

  const type = node.type;
  if (Array.isArray(type)) {
    const types = type.filter((entry): entry is string => typeof entry === "string" && entry !== "null");
    if (types.length !== type.length) nullable = true;
    if (types.length === 1) result.type = checkType(types[0], context);
    else if (types.length > 1) return withNullable({ ...copyKeywords(node), anyOf: types.map((entry) => ({ type: checkType(entry, context) })) }, nullable);
  } else if (typeof type === "string") {
    if (type === "null") fail(context, "a schema whose only type is null cannot be expressed in Gemini's schema.");
    result.type = checkType(type, context);
  }

  Object.assign(result, copyKeywords(node));

  const format = node.format;
  if (typeof format === "string" && typeof result.type === "string" && ALLOWED_FORMATS[result.type]?.includes(format)) {
    result.format = format;
  }

  // Gemini's enum holds strings only; other values are described instead of dropped.
  const allowed = node.const !== undefined ? [node.const] : Array.isArray(node.enum) ? node.enum : undefined;
  if (allowed) {
    if (allowed.includes(null)) nullable = true;
    const values = allowed.filter((value) => value !== null);
    if (values.every((value): value is string => typeof value === "string")) {
      result.type ??= "string";
      result.enum = values;
    } else {
      const listed = `Allowed values: ${values.map((value) => JSON.stringify(value)).join(", ")}.`;
      result.description = typeof result.description === "string" ? `${result.description} ${listed}` : listed;
    }
  }

  if (isObject(node.properties)) {
    const properties: Record<string, GoogleSchema> = {};
    for (const [name, property] of Object.entries(node.properties)) {
      properties[name] = convertNode(expectObject(property, context.param), context, refStack);
    }
    result.properties = properties;
    result.type ??= "object";
    if (Array.isArray(node.required)) {
      const required = node.required.filter((name): name is string => typeof name === "string" && name in properties);
      if (required.length > 0) result.required = required;
    }
  }

  if (node.items !== undefined) {
    if (Array.isArray(node.items)) fail(context, "tuple schemas (items as an array) cannot be expressed in Gemini's schema.");
    result.items = convertNode(expectObject(node.items, context.param), context, refStack);
    result.type ??= "array";
  }
  if (node.prefixItems !== undefined) fail(context, "tuple schemas (prefixItems) cannot be expressed in Gemini's schema.");

  return withNullable(result, nullable);
}

/** `anyOf: [X, {type: "null"}]` is Gemini's `X` with `nullable: true`. */
function convertVariants(node: JsonSchemaObject, variants: unknown[], context: Context, refStack: string[]): GoogleSchema {
  const schemas = variants.map((variant) => expectObject(variant, context.param));
  const nonNull = schemas.filter((variant) => variant.type !== "null");
  const nullable = nonNull.length !== schemas.length;
  const { anyOf: _anyOf, oneOf: _oneOf, ...siblings } = node;
  const siblingKeywords = copyKeywords(siblings);
  const [only] = nonNull;
  if (only !== undefined && nonNull.length === 1) {
    return withNullable({ ...convertNode(only, context, refStack), ...siblingKeywords }, nullable);
  }
  if (nonNull.length === 0) fail(context, "a schema whose only type is null cannot be expressed in Gemini's schema.");
  return withNullable({ ...siblingKeywords, anyOf: nonNull.map((variant) => convertNode(variant, context, refStack)) }, nullable);
}

/** Local refs (`#/$defs/X`, `#/definitions/X`) are inlined; a ref back into itself cannot be. */
function convertRef(node: JsonSchemaObject, context: Context, refStack: string[]): GoogleSchema {
  const ref = node.$ref as string;
  const match = /^#\/(\$defs|definitions)\/([^/]+)$/.exec(ref);
  const section = match?.[1];
  const name = match?.[2];
  if (section === undefined || name === undefined) fail(context, `only local $refs (#/$defs/...) are supported, got '${ref}'.`);
  if (refStack.includes(ref)) fail(context, `the schema is recursive ($ref '${ref}'), which Gemini's schema cannot express.`);
  const definitions = context.root[section];
  const target = isObject(definitions) ? definitions[name] : undefined;
  if (target === undefined) fail(context, `$ref '${ref}' points to nothing.`);
  const { $ref: _ref, ...siblings } = node;
  return { ...convertNode(expectObject(target, context.param), context, [...refStack, ref]), ...copyKeywords(siblings) };
}

function copyKeywords(node: JsonSchemaObject): GoogleSchema {
  const result: GoogleSchema = {};
  for (const keyword of COPIED_KEYWORDS) {
    if (node[keyword] !== undefined) result[keyword] = node[keyword];
  }
  return result;
}

function withNullable(schema: GoogleSchema, nullable: boolean): GoogleSchema {
  return nullable ? { ...schema, nullable: true } : schema;
}

function checkType(type: string | undefined, context: Context): string {
  if (type === undefined || !SCALAR_TYPES.has(type)) fail(context, `type '${String(type)}' is not a JSON Schema type Gemini accepts.`);
  return type;
}

function expectObject(value: unknown, param: string): JsonSchemaObject {
  if (!isObject(value)) throw new UnsupportedFeatureError(`${param}: boolean or non-object schemas are not supported by Gemini.`, param);
  return value;
}

function isObject(value: unknown): value is JsonSchemaObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fail(context: Context, problem: string): never {
  throw new UnsupportedFeatureError(`${context.param}: ${problem}`, context.param);
}
