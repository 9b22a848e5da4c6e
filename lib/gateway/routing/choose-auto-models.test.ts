import { describe, expect, it } from "vitest";
import type { ChatCompletionRequest } from "../schema/chat-completion-request";
import { makeEndpoint } from "./__fixtures__/endpoints";
import { listGeneratedCatalogEntries } from "../catalog/generated-catalog";
import { AUTO_MODEL_LISTS, chooseAutoModels } from "./choose-auto-models";

const ask = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({ model: "switchyard/auto", messages: [{ role: "user", content: "Hi" }], ...extra });
const tools = [{ type: "function" as const, function: { name: "lookup", parameters: { type: "object" } } }];

describe("chooseAutoModels", () => {
  it("takes the everyday list in its order, keeping only models a configured provider serves, at most three", () => {
    const endpoints = [
      makeEndpoint({ provider: "groq", model: "meta-llama/llama-3.3-70b-instruct" }),
      makeEndpoint({ provider: "google", model: "google/gemini-2.5-flash" }),
      makeEndpoint({ provider: "mistral", model: "mistralai/mistral-small" }),
      makeEndpoint({ provider: "deepseek", model: "deepseek/deepseek-chat" }),
      makeEndpoint({ provider: "acme", model: "acme/unlisted" }),
    ];
    expect(chooseAutoModels(endpoints, ask())).toEqual({
      modelIds: ["google/gemini-2.5-flash", "deepseek/deepseek-chat", "meta-llama/llama-3.3-70b-instruct"],
      rule: "everyday",
    });
  });

  it("skips listed models that cannot serve what the request uses", () => {
    const endpoints = [
      makeEndpoint({ provider: "openai", model: "openai/gpt-4o-mini", supportedParameters: [] }),
      makeEndpoint({ provider: "google", model: "google/gemini-2.5-flash", supportedParameters: ["tools"] }),
    ];
    expect(chooseAutoModels(endpoints, ask({ tools })).modelIds).toEqual(["google/gemini-2.5-flash"]);
  });

  it("picks from the reasoning list when the request asks for reasoning", () => {
    const reasoning = ["reasoning", "tools"];
    const endpoints = [
      makeEndpoint({ provider: "openai", model: "openai/gpt-4o-mini", supportedParameters: reasoning }),
      makeEndpoint({ provider: "anthropic", model: "anthropic/claude-sonnet-4.5", supportedParameters: reasoning }),
      makeEndpoint({ provider: "openai", model: "openai/o4-mini", supportedParameters: reasoning }),
    ];
    expect(chooseAutoModels(endpoints, ask({ reasoning: { effort: "high" } }))).toEqual({
      modelIds: ["openai/o4-mini", "anthropic/claude-sonnet-4.5"],
      rule: "reasoning",
    });
  });

  it("picks from the long-context list for prompts over 100k tokens, and only models whose context holds them", () => {
    const long = "All work and no play makes Jack a dull boy. ".repeat(12_000);
    const endpoints = [
      makeEndpoint({ provider: "openai", model: "openai/gpt-4o-mini", contextLength: 128_000 }),
      makeEndpoint({ provider: "openai", model: "openai/gpt-4.1-mini", contextLength: 1_047_576 }),
      makeEndpoint({ provider: "google", model: "google/gemini-2.5-pro", contextLength: 1_048_576 }),
    ];
    expect(chooseAutoModels(endpoints, ask({ messages: [{ role: "user", content: long }] }))).toEqual({
      modelIds: ["openai/gpt-4.1-mini", "google/gemini-2.5-pro"],
      rule: "longContext",
    });
  });

  it("falls back to the cheapest capable models, paid before free, when no listed model is served", () => {
    const endpoints = [
      makeEndpoint({ provider: "local", model: "simulated/scout:free", pricing: { promptPerMillion: 0, completionPerMillion: 0 } }),
      makeEndpoint({ provider: "local", model: "simulated/sage-pro", pricing: { promptPerMillion: 3_000_000 } }),
      makeEndpoint({ provider: "local", model: "simulated/swift-mini", pricing: { promptPerMillion: 100_000, completionPerMillion: 100_000 } }),
      makeEndpoint({ provider: "local", model: "simulated/no-tools", supportedParameters: [] }),
    ];
    expect(chooseAutoModels(endpoints, ask({ tools }))).toEqual({
      modelIds: ["simulated/swift-mini", "simulated/sage-pro", "simulated/scout:free"],
      rule: "cheapest",
    });
  });

  it("returns nothing when no model can serve the request", () => {
    const endpoints = [makeEndpoint({ provider: "local", model: "simulated/plain", supportedParameters: [] })];
    expect(chooseAutoModels(endpoints, ask({ tools })).modelIds).toEqual([]);
  });

  it("names only catalog models, and only models that reason in the reasoning list", () => {
    const catalog = new Map(listGeneratedCatalogEntries().map((entry) => [entry.id, entry]));
    for (const [list, ids] of Object.entries(AUTO_MODEL_LISTS)) {
      expect(new Set(ids).size, list).toBe(ids.length);
      expect(ids.filter((id) => !catalog.has(id)), list).toEqual([]);
    }
    const withoutReasoning = AUTO_MODEL_LISTS.reasoning.filter(
      (id) => !catalog.get(id)?.endpoints.some((endpoint) => endpoint.supportedParameters.includes("reasoning")),
    );
    expect(withoutReasoning).toEqual([]);
  });
});
