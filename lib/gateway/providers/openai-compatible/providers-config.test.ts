import { describe, expect, it } from "vitest";
import { PROVIDER_ENV_NAMES } from "../../../env";
import { listGeneratedProviderModels } from "../../catalog/generated-catalog";
import { openAICompatibleProviders, resolveBaseUrl } from "./providers-config";

function provider(id: string) {
  const found = openAICompatibleProviders.find((entry) => entry.id === id);
  if (!found) throw new Error(`no provider ${id}`);
  return found;
}

describe("openAICompatibleProviders", () => {
  it("has one entry per provider env name, with unique ids", () => {
    expect(openAICompatibleProviders.map((entry) => entry.envName).sort()).toEqual([...PROVIDER_ENV_NAMES].sort());
    const ids = openAICompatibleProviders.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("serves each provider's models from the generated catalog, with canonical ids, integer prices and sane limits", () => {
    for (const entry of openAICompatibleProviders) {
      expect(entry.models.length, entry.id).toBeGreaterThan(0);
      expect(entry.models, entry.id).toEqual(listGeneratedProviderModels(entry.id));
      const ids = entry.models.map((model) => model.id);
      expect(new Set(ids).size, `${entry.id} repeats a model`).toBe(ids.length);
      for (const model of entry.models) {
        expect(model.id, entry.id).toMatch(/^[a-z0-9-]+\/[a-z0-9._:-]+$/);
        expect(model.providerModelId.length).toBeGreaterThan(0);
        for (const price of Object.values(model.pricing)) {
          expect(Number.isSafeInteger(price), `${entry.id} ${model.id}`).toBe(true);
          expect(price).toBeGreaterThanOrEqual(0);
        }
        // Only `:free` variants may cost nothing.
        if (!model.id.endsWith(":free")) expect(model.pricing.promptPerMillion, `${entry.id} ${model.id}`).toBeGreaterThan(0);
        expect(model.contextLength).toBeGreaterThan(0);
        if (model.maxOutputTokens !== null) expect(model.maxOutputTokens).toBeLessThanOrEqual(model.contextLength);
        expect(model.supportedParameters).toContain("max_tokens");
        expect(model.inputModalities).toContain("text");
      }
    }
  });

  it("serves the same canonical model under each provider's own id", () => {
    const llama = "meta-llama/llama-3.3-70b-instruct";
    const served = (id: string) => provider(id).models.find((model) => model.id === llama)?.providerModelId;
    expect(served("groq")).toBe("llama-3.3-70b-versatile");
    expect(served("together")).toBe("meta-llama/Llama-3.3-70B-Instruct-Turbo");
    expect(served("fireworks")).toBe("accounts/fireworks/models/llama-v3p3-70b-instruct");
    expect(served("openrouter")).toBe(llama);
  });

  it("prices GPT-4o mini at $0.15 and $0.60 per million tokens at OpenAI and at OpenRouter", () => {
    for (const id of ["openai", "openrouter"]) {
      expect(provider(id).models.find((model) => model.id === "openai/gpt-4o-mini")?.pricing, id).toMatchObject({
        promptPerMillion: 150_000,
        completionPerMillion: 600_000,
      });
    }
  });

  it("serves the models the API tests call through their native providers and OpenRouter", () => {
    const serves = (id: string, modelId: string) => provider(id).models.some((model) => model.id === modelId);
    expect(serves("anthropic", "anthropic/claude-sonnet-4.5")).toBe(true);
    expect(serves("openrouter", "anthropic/claude-sonnet-4.5")).toBe(true);
    expect(serves("google-ai-studio", "google/gemini-2.5-flash")).toBe(true);
    expect(provider("anthropic").models.find((model) => model.id === "anthropic/claude-sonnet-4.5")).toMatchObject({
      providerModelId: "claude-sonnet-4-5",
      contextLength: 200_000,
      maxOutputTokens: 64_000,
      pricing: { promptPerMillion: 3_000_000, completionPerMillion: 15_000_000, cacheReadPerMillion: 300_000, cacheWritePerMillion: 3_750_000 },
      supportedParameters: expect.arrayContaining(["tools", "reasoning"]),
      inputModalities: ["text", "image"],
    });
  });
});

describe("resolveBaseUrl", () => {
  it("uses the default or the configured base URL as given", () => {
    expect(resolveBaseUrl(provider("openai"), undefined)).toBe("https://api.openai.com/v1");
    expect(resolveBaseUrl(provider("groq"), undefined)).toBe("https://api.groq.com/openai/v1");
    expect(resolveBaseUrl(provider("openai"), "http://localhost:8000/v1/")).toBe("http://localhost:8000/v1");
  });
});
