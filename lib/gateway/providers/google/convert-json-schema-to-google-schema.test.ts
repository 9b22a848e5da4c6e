import { describe, expect, it } from "vitest";
import { UnsupportedFeatureError } from "../../errors";
import { convertJsonSchemaToGoogleSchema } from "./convert-json-schema-to-google-schema";

const param = "tools[0].function.parameters";

describe("convertJsonSchemaToGoogleSchema", () => {
  it("drops the keywords Gemini rejects, at every depth, and keeps the ones it takes", () => {
    const schema = {
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      additionalProperties: false,
      $comment: "generated",
      properties: {
        city: { type: "string", description: "City name", default: "Paris", examples: ["Rome"], minLength: 1 },
        tags: { type: "array", items: { type: "string", pattern: "^[a-z]+$" }, maxItems: 3, uniqueItems: true },
        meta: { type: "object", patternProperties: { "^x-": { type: "string" } }, propertyNames: { pattern: "^[a-z]+$" }, additionalProperties: true },
        when: { type: "string", format: "date-time" },
        site: { type: "string", format: "uri" },
        count: { type: "integer", format: "int32", minimum: 0, maximum: 10, exclusiveMaximum: 11 },
      },
      required: ["city", "missing"],
    };
    expect(convertJsonSchemaToGoogleSchema(schema, param)).toEqual({
      type: "object",
      properties: {
        city: { type: "string", description: "City name", minLength: 1 },
        tags: { type: "array", items: { type: "string", pattern: "^[a-z]+$" }, maxItems: 3 },
        meta: { type: "object" },
        when: { type: "string", format: "date-time" },
        site: { type: "string" },
        count: { type: "integer", format: "int32", minimum: 0, maximum: 10 },
      },
      required: ["city"],
    });
  });

  it("turns null unions into nullable: anyOf, oneOf and type arrays", () => {
    const schema = {
      type: "object",
      properties: {
        a: { anyOf: [{ type: "string" }, { type: "null" }], description: "maybe text" },
        b: { type: ["integer", "null"] },
        c: { oneOf: [{ type: "string" }, { type: "number" }, { type: "null" }] },
        d: { type: ["string", "number"] },
        e: { enum: ["x", "y", null] },
      },
    };
    expect(convertJsonSchemaToGoogleSchema(schema, param)).toEqual({
      type: "object",
      properties: {
        a: { type: "string", description: "maybe text", nullable: true },
        b: { type: "integer", nullable: true },
        c: { anyOf: [{ type: "string" }, { type: "number" }], nullable: true },
        d: { anyOf: [{ type: "string" }, { type: "number" }] },
        e: { type: "string", enum: ["x", "y"], nullable: true },
      },
    });
  });

  it("turns const into a one-value enum and describes non-string enums instead of dropping them", () => {
    const schema = {
      type: "object",
      properties: {
        kind: { const: "circle" },
        level: { type: "integer", enum: [1, 2, 3], description: "Level." },
      },
    };
    expect(convertJsonSchemaToGoogleSchema(schema, param)).toEqual({
      type: "object",
      properties: {
        kind: { type: "string", enum: ["circle"] },
        level: { type: "integer", description: "Level. Allowed values: 1, 2, 3." },
      },
    });
  });

  it("inlines local $refs from $defs and definitions, keeping a sibling description", () => {
    const schema = {
      type: "object",
      $defs: { Address: { type: "object", properties: { street: { type: "string" } }, required: ["street"], additionalProperties: false } },
      definitions: { Color: { type: "string", enum: ["red", "blue"] } },
      properties: {
        home: { $ref: "#/$defs/Address", description: "Home address" },
        colors: { type: "array", items: { $ref: "#/definitions/Color" } },
      },
    };
    expect(convertJsonSchemaToGoogleSchema(schema, param)).toEqual({
      type: "object",
      properties: {
        home: { type: "object", properties: { street: { type: "string" } }, required: ["street"], description: "Home address" },
        colors: { type: "array", items: { type: "string", enum: ["red", "blue"] } },
      },
    });
  });

  it("rejects what Gemini's schema cannot express, naming where", () => {
    const recursive = {
      type: "object",
      $defs: { Node: { type: "object", properties: { children: { type: "array", items: { $ref: "#/$defs/Node" } } } } },
      properties: { root: { $ref: "#/$defs/Node" } },
    };
    expect(() => convertJsonSchemaToGoogleSchema(recursive, param)).toThrow(UnsupportedFeatureError);
    expect(() => convertJsonSchemaToGoogleSchema(recursive, param)).toThrow(/tools\[0\]\.function\.parameters: the schema is recursive/);
    expect(() => convertJsonSchemaToGoogleSchema({ type: "object", properties: { a: { $ref: "https://example.com/a.json" } } }, param)).toThrow(
      /only local \$refs/,
    );
    expect(() => convertJsonSchemaToGoogleSchema({ type: "object", properties: { a: { $ref: "#/$defs/Missing" } } }, param)).toThrow(/points to nothing/);
    expect(() => convertJsonSchemaToGoogleSchema({ type: "array", items: [{ type: "string" }] }, param)).toThrow(/tuple/);
    expect(() => convertJsonSchemaToGoogleSchema({ type: "object", properties: { a: true } }, param)).toThrow(/non-object schemas/);
  });

  it("leaves out an object schema without properties, as Gemini wants for functions without arguments", () => {
    expect(convertJsonSchemaToGoogleSchema({ type: "object", properties: {}, additionalProperties: false }, param)).toBeUndefined();
    expect(convertJsonSchemaToGoogleSchema({ type: "object" }, param)).toBeUndefined();
    expect(convertJsonSchemaToGoogleSchema(undefined, param)).toBeUndefined();
  });

  it("merges a single-schema allOf and infers types from properties and items", () => {
    expect(convertJsonSchemaToGoogleSchema({ allOf: [{ properties: { a: { items: { type: "string" } } } }], description: "x" }, param)).toEqual({
      type: "object",
      description: "x",
      properties: { a: { type: "array", items: { type: "string" } } },
    });
  });
});
