import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseEnv } from "../../env";
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from "../../testing/fake-openai-upstream";
import { createProviderRegistry } from "./registry";

const ALL_KEYS = {
  OPENAI_API_KEY: "sk-openai",
  ANTHROPIC_API_KEY: "sk-ant",
  GEMINI_API_KEY: "gemini-key",
  MISTRAL_API_KEY: "mistral-key",
  GROQ_API_KEY: "gsk_groq",
  TOGETHER_API_KEY: "together-key",
  FIREWORKS_API_KEY: "fw_key",
  DEEPSEEK_API_KEY: "sk-deepseek",
  XAI_API_KEY: "xai-key",
  OPENROUTER_API_KEY: "sk-or-key",
};

function providerIds(source: Record<string, string>): string[] {
  return createProviderRegistry(parseEnv(source)).providers.map((provider) => provider.id);
}

let upstream: FakeOpenAIUpstream;
const signal = new AbortController().signal;

beforeAll(async () => {
  upstream = await startFakeOpenAIUpstream();
});

afterAll(async () => {
  await upstream.close();
});

describe("createProviderRegistry", () => {
  it("serves only the simulated provider when nothing is configured", () => {
    expect(providerIds({})).toEqual(["simulated"]);
  });

  it("adds a provider only when its API key is set, and then no simulated one by default", () => {
    expect(providerIds({ OPENAI_API_KEY: "sk-test" })).toEqual(["openai"]);
    expect(providerIds({ OPENAI_API_KEY: "", GROQ_API_KEY: "gsk_test" })).toEqual(["groq"]);
    expect(providerIds({ OPENAI_BASE_URL: "http://127.0.0.1:1/v1" })).toEqual(["simulated"]);
  });

  it("lists every configured provider in catalog order", () => {
    expect(providerIds(ALL_KEYS)).toEqual([
      "openai",
      "anthropic",
      "google-ai-studio",
      "mistral",
      "groq",
      "together",
      "fireworks",
      "deepseek",
      "xai",
      "openrouter",
    ]);
  });

  it("follows SIMULATED_PROVIDER: on adds it, off removes it, auto only when alone", () => {
    expect(providerIds({ OPENAI_API_KEY: "sk-test", SIMULATED_PROVIDER: "on" })).toEqual(["openai", "simulated"]);
    expect(providerIds({ SIMULATED_PROVIDER: "off" })).toEqual([]);
    expect(providerIds({ SIMULATED_PROVIDER: "auto" })).toEqual(["simulated"]);
    expect(providerIds({ OLLAMA_BASE_URL: "http://127.0.0.1:11434", SIMULATED_PROVIDER: "auto" })).toEqual(["ollama"]);
  });

  it("adds Ollama when its URL is set", () => {
    expect(providerIds({ OPENAI_API_KEY: "sk-test", OLLAMA_BASE_URL: "http://127.0.0.1:11434" })).toEqual(["openai", "ollama"]);
  });

  it("finds providers by id", async () => {
    const registry = createProviderRegistry(parseEnv({ OPENAI_API_KEY: "sk-test" }));
    expect(registry.get("openai")?.name).toBe("OpenAI");
    expect(registry.get("groq")).toBeUndefined();
    const models = await registry.get("openai")?.listModels();
    expect(models?.map((model) => model.id)).toContain("openai/gpt-4o-mini");
  });

  it("sends requests to the configured base URL with the configured key", async () => {
    const registry = createProviderRegistry(parseEnv({ OPENAI_API_KEY: "sk-from-env", OPENAI_BASE_URL: upstream.url }));
    const completion = await registry.get("openai")?.createChatCompletion({ model: "fake-text", messages: [{ role: "user", content: "Hi" }] }, { signal });
    expect(completion?.usage?.completion_tokens).toBe(363);
    expect(upstream.requests.at(-1)).toMatchObject({ path: "/v1/chat/completions", headers: { authorization: "Bearer sk-from-env" } });
  });

  it("serves Anthropic and Gemini with their native adapters, treating their base URLs as origins", async () => {
    const origin = new URL(upstream.url).origin;
    const registry = createProviderRegistry(parseEnv({ ANTHROPIC_API_KEY: "sk-ant", ANTHROPIC_BASE_URL: origin, GEMINI_API_KEY: "g", GEMINI_BASE_URL: origin }));
    // The fake speaks only OpenAI's API, so both calls fail; the paths they asked for are what matter here.
    const request = { model: "fake-text", messages: [{ role: "user" as const, content: "Hi" }] };
    await registry.get("anthropic")?.createChatCompletion(request, { signal }).catch(() => undefined);
    expect(upstream.requests.at(-1)?.path).toBe("/v1/messages");
    await registry.get("google-ai-studio")?.createChatCompletion(request, { signal }).catch(() => undefined);
    expect(upstream.requests.at(-1)?.path).toBe("/v1beta/models/fake-text:generateContent");
  });

  it("checks a base URL an admin set in the app at connect time, but not the operator's", async () => {
    const request = { model: "fake-text", messages: [{ role: "user" as const, content: "Hi" }] };
    const overrides = new Map([["openai", { apiKey: "sk-admin", baseUrl: upstream.url, enabled: true }]]);
    // Saved while ALLOW_PRIVATE_PROVIDER_URLS was set, say, and the flag since removed.
    const guarded = createProviderRegistry(parseEnv({}), overrides);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const before = upstream.requestCount;
    await expect(guarded.get("openai")?.createChatCompletion(request, { signal })).rejects.toMatchObject({
      status: 502,
      code: "provider_address_not_allowed",
    });
    expect(upstream.requestCount).toBe(before);
    warn.mockRestore();

    const allowed = createProviderRegistry(parseEnv({ ALLOW_PRIVATE_PROVIDER_URLS: "1" }), overrides);
    expect((await allowed.get("openai")?.createChatCompletion(request, { signal }))?.usage?.completion_tokens).toBe(363);
    const operator = createProviderRegistry(parseEnv({ OPENAI_API_KEY: "sk-env", OPENAI_BASE_URL: upstream.url }));
    expect((await operator.get("openai")?.createChatCompletion(request, { signal }))?.usage?.completion_tokens).toBe(363);
    // An admin's key alone keeps the operator's address, unchecked.
    const keyOnly = createProviderRegistry(parseEnv({ OPENAI_BASE_URL: upstream.url }), new Map([["openai", { apiKey: "sk-admin", enabled: true }]]));
    expect((await keyOnly.get("openai")?.createChatCompletion(request, { signal }))?.usage?.completion_tokens).toBe(363);
  });
});
