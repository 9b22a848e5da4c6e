import { describe, expect, it } from "vitest";
import type { ProviderAdapter } from "../providers/provider";
import { makeEndpoint } from "./__fixtures__/endpoints";
import { withOwnKeys } from "./with-own-keys";

const adapter = (id: string): ProviderAdapter => makeEndpoint({ provider: id }).provider;

describe("withOwnKeys", () => {
  it("puts the caller's own-key endpoints first, with the model as the catalog prices it, and keeps the instance's as fallbacks", () => {
    const openai = makeEndpoint({ provider: "openai", model: "openai/gpt-4o-mini" });
    const openrouter = makeEndpoint({ provider: "openrouter", model: "openai/gpt-4o-mini" });
    const mineOpenai = adapter("openai");
    const endpoints = withOwnKeys([openrouter, openai], "openai/gpt-4o-mini", { adapters: new Map([["openai", mineOpenai]]), findModel: () => undefined });
    expect(endpoints).toEqual([{ provider: mineOpenai, model: openai.model, byok: true }, openrouter, openai]);
  });

  it("reaches providers this instance has no key for, from the catalog", () => {
    const catalogModel = makeEndpoint({ provider: "anthropic", model: "anthropic/claude-sonnet-4.5" }).model;
    const mine = adapter("anthropic");
    const endpoints = withOwnKeys([], "anthropic/claude-sonnet-4.5", {
      adapters: new Map([["anthropic", mine]]),
      findModel: (providerId, modelId) => (providerId === "anthropic" && modelId === "anthropic/claude-sonnet-4.5" ? catalogModel : undefined),
    });
    expect(endpoints).toEqual([{ provider: mine, model: catalogModel, byok: true }]);
  });

  it("adds nothing for a provider that does not serve the model", () => {
    const openai = makeEndpoint({ provider: "openai", model: "openai/gpt-4o-mini" });
    expect(withOwnKeys([openai], "openai/gpt-4o-mini", { adapters: new Map([["mistral", adapter("mistral")]]), findModel: () => undefined })).toEqual([openai]);
  });
});
