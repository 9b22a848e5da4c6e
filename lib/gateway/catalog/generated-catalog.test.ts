import { describe, expect, it } from "vitest";
import { listGeneratedCatalogEntries, listGeneratedProviderModels } from "./generated-catalog";

describe("listGeneratedCatalogEntries", () => {
  it("is every model of catalog.generated.json, parsed once", () => {
    const entries = listGeneratedCatalogEntries();
    expect(entries.length).toBeGreaterThan(100);
    expect(listGeneratedCatalogEntries()).toBe(entries);
    const providers = new Set(entries.flatMap((entry) => entry.endpoints.map((endpoint) => endpoint.providerId)));
    expect([...providers].sort()).toEqual(["anthropic", "deepseek", "fireworks", "google-ai-studio", "groq", "mistral", "openai", "openrouter", "together", "xai"]);
  });
});

describe("listGeneratedProviderModels", () => {
  it("is one provider's endpoints as its adapter lists them", () => {
    const models = listGeneratedProviderModels("openai");
    expect(models.find((model) => model.id === "openai/gpt-4o-mini")).toEqual({
      id: "openai/gpt-4o-mini",
      providerModelId: "gpt-4o-mini",
      name: expect.any(String),
      contextLength: 128_000,
      maxOutputTokens: 16_384,
      pricing: expect.objectContaining({ promptPerMillion: 150_000, completionPerMillion: 600_000 }),
      supportedParameters: expect.arrayContaining(["tools", "response_format", "max_tokens"]),
      inputModalities: ["text", "image"],
    });
    const entry = listGeneratedCatalogEntries().filter((candidate) => candidate.endpoints.some((endpoint) => endpoint.providerId === "openai"));
    expect(models.map((model) => model.id)).toEqual(entry.map((candidate) => candidate.id));
  });

  it("hands out copies, so one caller cannot change what the next one reads", () => {
    const [first] = listGeneratedProviderModels("groq");
    first?.supportedParameters.push("changed");
    expect(listGeneratedProviderModels("groq")[0]?.supportedParameters).not.toContain("changed");
  });

  it("is empty for a provider the catalog does not know", () => {
    expect(listGeneratedProviderModels("simulated")).toEqual([]);
  });
});
