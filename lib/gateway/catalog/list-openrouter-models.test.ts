import { describe, expect, it } from "vitest";
import type { ProviderModel } from "../providers/provider";
import { listOpenRouterModels } from "./list-openrouter-models";
import type { CatalogEndpoint, CatalogEntry } from "./models-dev/load-models-dev-catalog";
import type { ListedEndpoint } from "./to-openrouter-models";

function model(id: string, overrides: Partial<ProviderModel> = {}): ProviderModel {
  return {
    id,
    providerModelId: id.split("/")[1] ?? id,
    name: id,
    contextLength: 128_000,
    maxOutputTokens: 16_384,
    pricing: { promptPerMillion: 1_000_000, completionPerMillion: 2_000_000 },
    supportedParameters: ["max_tokens", "temperature"],
    inputModalities: ["text"],
    ...overrides,
  };
}

function catalogEndpoint(providerId: string, providerModelId: string, overrides: Partial<CatalogEndpoint> = {}): CatalogEndpoint {
  return {
    providerId,
    providerModelId,
    contextLength: 128_000,
    maxOutputTokens: 8_192,
    pricing: { promptPerMillion: 500_000, completionPerMillion: 1_000_000 },
    supportedParameters: ["max_tokens", "temperature"],
    inputModalities: ["text"],
    ...overrides,
  };
}

// What the configured providers serve: OpenAI, with one tool-calling model.
const configured: ListedEndpoint[] = [
  { provider: { id: "openai", name: "OpenAI" }, model: model("openai/gpt-4o-mini", { supportedParameters: ["max_tokens", "tools", "response_format"] }) },
  { provider: { id: "openai", name: "OpenAI" }, model: model("openai/gpt-4.1") },
];

const entries: CatalogEntry[] = [
  // Also served, more cheaply, by OpenRouter, which is not configured.
  { id: "openai/gpt-4o-mini", name: "GPT-4o mini", endpoints: [catalogEndpoint("openai", "gpt-4o-mini"), catalogEndpoint("openrouter", "openai/gpt-4o-mini", { pricing: { promptPerMillion: 1, completionPerMillion: 1 } })] },
  {
    id: "anthropic/claude-sonnet-4.5",
    name: "Claude Sonnet 4.5",
    endpoints: [
      catalogEndpoint("anthropic", "claude-sonnet-4-5", { pricing: { promptPerMillion: 3_000_000, completionPerMillion: 15_000_000 }, supportedParameters: ["max_tokens", "tools"] }),
      catalogEndpoint("openrouter", "anthropic/claude-sonnet-4.5", { pricing: { promptPerMillion: 3_000_000, completionPerMillion: 15_000_000 }, supportedParameters: ["max_tokens", "response_format", "tools"] }),
    ],
  },
  { id: "mistralai/mistral-small", name: "Mistral Small", endpoints: [catalogEndpoint("mistral", "mistral-small-latest", { supportedParameters: ["max_tokens", "response_format"] })] },
  { id: "vendor/mystery", name: "Mystery", endpoints: [catalogEndpoint("elsewhere", "mystery")] },
];

const providerNames = new Map([
  ["openai", "OpenAI"],
  ["anthropic", "Anthropic"],
  ["mistral", "Mistral"],
  ["openrouter", "OpenRouter"],
]);
const options = { entries, providerNames };

describe("listOpenRouterModels", () => {
  it("lists only what configured providers serve by default, all routable", () => {
    const models = listOpenRouterModels(configured, { all: false }, options);
    expect(models.map((entry) => [entry.id, entry.routable, entry.providers])).toEqual([
      ["openai/gpt-4.1", true, ["OpenAI"]],
      ["openai/gpt-4o-mini", true, ["OpenAI"]],
    ]);
  });

  it("adds every other catalog model with all=true, not routable, named by the providers that would serve it", () => {
    const models = listOpenRouterModels(configured, { all: true }, options);
    expect(models.map((entry) => [entry.id, entry.routable, entry.providers])).toEqual([
      ["anthropic/claude-sonnet-4.5", false, ["Anthropic", "OpenRouter"]],
      ["mistralai/mistral-small", false, ["Mistral"]],
      ["openai/gpt-4.1", true, ["OpenAI"]],
      ["openai/gpt-4o-mini", true, ["OpenAI"]],
      // A provider the config does not name keeps its id.
      ["vendor/mystery", false, ["elsewhere"]],
    ]);
    const sonnet = models.find((entry) => entry.id === "anthropic/claude-sonnet-4.5");
    expect(sonnet).toMatchObject({ name: "Claude Sonnet 4.5", pricing: { prompt: "0.000003", completion: "0.000015" }, supported_parameters: ["max_tokens", "response_format", "tools"] });
  });

  it("prices a routable model by the providers that route it, not by cheaper ones that are not configured", () => {
    const [routable] = listOpenRouterModels(configured, { all: true }, options).filter((entry) => entry.id === "openai/gpt-4o-mini");
    expect(routable?.pricing).toMatchObject({ prompt: "0.000001", completion: "0.000002" });
  });

  it("keeps a model when one endpoint takes every parameter asked for", () => {
    const ids = (query: Parameters<typeof listOpenRouterModels>[1]) => listOpenRouterModels(configured, query, options).map((entry) => entry.id);
    expect(ids({ all: false, supported_parameters: ["tools"] })).toEqual(["openai/gpt-4o-mini"]);
    expect(ids({ all: true, supported_parameters: ["tools", "response_format"] })).toEqual(["anthropic/claude-sonnet-4.5", "openai/gpt-4o-mini"]);
    expect(ids({ all: true, supported_parameters: ["response_format"] })).toEqual(["anthropic/claude-sonnet-4.5", "mistralai/mistral-small", "openai/gpt-4o-mini"]);
    expect(ids({ all: true, supported_parameters: ["top_k"] })).toEqual([]);
  });

  it("keeps a filtered model's other endpoints in its listing", () => {
    const [sonnet] = listOpenRouterModels(configured, { all: true, supported_parameters: ["response_format"] }, options).filter((entry) => entry.id === "anthropic/claude-sonnet-4.5");
    expect(sonnet?.providers).toEqual(["Anthropic", "OpenRouter"]);
  });

  it("reads the committed catalog and the provider config unless told otherwise", () => {
    const models = listOpenRouterModels([], { all: true });
    expect(models.length).toBeGreaterThan(100);
    expect(models.every((entry) => !entry.routable)).toBe(true);
    expect(models.find((entry) => entry.id === "anthropic/claude-sonnet-4.5")?.providers).toEqual(["Anthropic", "OpenRouter"]);
    expect(models.find((entry) => entry.id === "google/gemini-2.5-flash")?.providers).toContain("Google AI Studio");
  });
});
