import { describe, expect, it } from "vitest";
import { PROVIDER_ENV_NAMES } from "../../../env";
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

  it("lists models with canonical ids, integer prices and sane limits", () => {
    for (const entry of openAICompatibleProviders) {
      expect(entry.models.length, entry.id).toBeGreaterThan(0);
      const ids = entry.models.map((model) => model.id);
      expect(new Set(ids).size, `${entry.id} repeats a model`).toBe(ids.length);
      for (const model of entry.models) {
        expect(model.id, entry.id).toMatch(/^[a-z0-9-]+\/[a-z0-9.-]+$/);
        expect(model.providerModelId.length).toBeGreaterThan(0);
        for (const price of Object.values(model.pricing)) {
          expect(Number.isInteger(price), `${entry.id} ${model.id}`).toBe(true);
          expect(price).toBeGreaterThanOrEqual(0);
        }
        expect(model.pricing.promptPerMillion).toBeGreaterThan(0);
        expect(model.contextLength).toBeGreaterThanOrEqual(8192);
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

  it("prices GPT-4o mini at $0.15 and $0.60 per million tokens", () => {
    expect(provider("openai").models.find((model) => model.id === "openai/gpt-4o-mini")?.pricing).toMatchObject({
      promptPerMillion: 150_000,
      completionPerMillion: 600_000,
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
