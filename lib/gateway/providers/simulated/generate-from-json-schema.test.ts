import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createRandom } from "./create-random";
import { readQuestion } from "./extract-keywords";
import { generateFromJsonSchema, type SchemaValueOptions } from "./generate-from-json-schema";

const optionsFor = (seed: number, optionalProperties: SchemaValueOptions["optionalProperties"] = "all"): SchemaValueOptions => ({
  random: createRandom(seed),
  question: readQuestion("Book a table in Porto for the anniversary dinner"),
  optionalProperties,
});

const schemas: Record<string, Record<string, unknown>> = {
  scalars: {
    type: "object",
    properties: {
      name: { type: "string", minLength: 2, maxLength: 40 },
      guests: { type: "integer", minimum: 1, maximum: 8 },
      budget: { type: "number", exclusiveMinimum: 0, maximum: 500 },
      outdoor: { type: "boolean" },
      seating: { type: "string", enum: ["indoor", "terrace"] },
      version: { const: 2 },
      notes: { type: ["string", "null"] },
      when: { type: "string", format: "date-time" },
      contact: { type: "string", format: "email" },
    },
    required: ["name", "guests", "budget", "outdoor", "seating", "version", "notes", "when", "contact"],
    additionalProperties: false,
  },
  nested: {
    type: "object",
    properties: {
      reservation: {
        type: "object",
        properties: {
          location: { type: "string" },
          courses: { type: "array", items: { type: "string" }, minItems: 3, maxItems: 5 },
          diet: { anyOf: [{ type: "null" }, { type: "string", enum: ["vegan", "none"] }] },
        },
        required: ["location", "courses", "diet"],
      },
      tags: { type: "array", items: { $ref: "#/$defs/tag" } },
    },
    required: ["reservation", "tags"],
    $defs: { tag: { type: "object", properties: { label: { type: "string" } }, required: ["label"] } },
  },
  combined: {
    allOf: [
      { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
      { properties: { count: { type: "integer", minimum: 10, maximum: 11 } }, required: ["count"] },
    ],
  },
};

describe("generateFromJsonSchema", () => {
  it.each(Object.entries(schemas))("produces a value the %s schema accepts", (_name, schema) => {
    for (let seed = 0; seed < 20; seed++) {
      const value = generateFromJsonSchema(schema, optionsFor(seed));
      const result = z.fromJSONSchema(schema).safeParse(value);
      expect(result.success, JSON.stringify(value)).toBe(true);
    }
  });

  it("takes the first enum value, the const, and names from the question", () => {
    const value = generateFromJsonSchema(schemas.nested, optionsFor(1));
    expect(value).toMatchObject({ reservation: { location: "Porto", diet: "vegan" } });
    expect(generateFromJsonSchema(schemas.scalars, optionsFor(1))).toMatchObject({ seating: "indoor", version: 2 });
  });

  it("always fills required properties but only some optional ones for tool calls", () => {
    const schema = {
      type: "object",
      properties: Object.fromEntries(Array.from({ length: 12 }, (_, index) => [`field_${index}`, { type: "string" }])),
      required: ["field_0"],
    };
    const value = generateFromJsonSchema(schema, optionsFor(3, "some"));
    expect(value).toHaveProperty("field_0");
    const count = Object.keys(value as object).length;
    expect(count).toBeGreaterThan(1);
    expect(count).toBeLessThan(12);
  });

  it("is deterministic for a seed", () => {
    expect(generateFromJsonSchema(schemas.scalars, optionsFor(9))).toEqual(generateFromJsonSchema(schemas.scalars, optionsFor(9)));
  });

  it("stops on recursive references", () => {
    const schema = { $ref: "#/$defs/node", $defs: { node: { type: "object", properties: { child: { $ref: "#/$defs/node" } }, required: ["child"] } } };
    expect(() => JSON.stringify(generateFromJsonSchema(schema, optionsFor(0)))).not.toThrow();
  });

  it("gives an empty object for a tool without parameters", () => {
    expect(generateFromJsonSchema({ type: "object", properties: {} }, optionsFor(0))).toEqual({});
  });
});
