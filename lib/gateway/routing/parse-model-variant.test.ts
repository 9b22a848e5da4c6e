import { describe, expect, it } from "vitest";
import { parseModelVariant } from "./parse-model-variant";

describe("parseModelVariant", () => {
  it("keeps :free ids, which are catalog entries of their own", () => {
    expect(parseModelVariant("meta-llama/llama-3.3-70b-instruct:free")).toEqual({
      catalogModel: "meta-llama/llama-3.3-70b-instruct:free",
      baseModel: "meta-llama/llama-3.3-70b-instruct",
      variant: "free",
      sort: undefined,
    });
  });

  it("maps :nitro to the base model sorted by throughput", () => {
    expect(parseModelVariant("openai/gpt-4o:nitro")).toEqual({ catalogModel: "openai/gpt-4o", baseModel: "openai/gpt-4o", variant: "nitro", sort: "throughput" });
  });

  it("maps :floor to the base model sorted by price", () => {
    expect(parseModelVariant("openai/gpt-4o:floor")).toEqual({ catalogModel: "openai/gpt-4o", baseModel: "openai/gpt-4o", variant: "floor", sort: "price" });
  });

  it("leaves plain ids and other suffixes alone", () => {
    for (const id of ["openai/gpt-4o", "anthropic/claude-3.7-sonnet:thinking", "ollama/llama3.1:8b", "vendor/model:FREE"]) {
      expect(parseModelVariant(id)).toEqual({ catalogModel: id, baseModel: id, variant: undefined, sort: undefined });
    }
  });

  it("does not treat a bare suffix as a variant", () => {
    expect(parseModelVariant(":nitro").variant).toBeUndefined();
  });
});
