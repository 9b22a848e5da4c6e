import { describe, expect, it } from "vitest";
import type { ProviderAdapter, ProviderModel } from "../providers/provider";
import { createEndpointHealth } from "../routing/endpoint-health";
import type { Endpoint } from "./create-catalog";
import { toOpenRouterEndpoints } from "./to-openrouter-endpoints";

const adapter = (id: string): ProviderAdapter => ({
  id,
  name: id.toUpperCase(),
  listModels: async () => [],
  createChatCompletion: async () => {
    throw new Error("unused");
  },
  streamChatCompletion: async () => {
    throw new Error("unused");
  },
});

const model: ProviderModel = {
  id: "meta-llama/llama-3.3-70b-instruct",
  providerModelId: "llama-3.3-70b-versatile",
  name: "Llama 3.3 70B",
  contextLength: 131_072,
  maxOutputTokens: 32_768,
  pricing: { promptPerMillion: 590_000, completionPerMillion: 790_000 },
  supportedParameters: ["tools", "temperature"],
  inputModalities: ["text"],
};

describe("toOpenRouterEndpoints", () => {
  it("lists each provider's price and limits with what was observed of it", () => {
    let clock = 0;
    const health = createEndpointHealth({ now: () => clock });
    const endpoints: Endpoint[] = [
      { provider: adapter("groq"), model },
      { provider: adapter("together"), model: { ...model, providerModelId: "meta-llama/Llama-3.3-70B-Instruct-Turbo", pricing: { promptPerMillion: 880_000, completionPerMillion: 880_000 } } },
    ];
    health.recordSuccess("groq/meta-llama/llama-3.3-70b-instruct", { timeToFirstTokenMs: 180, tokensPerSecond: 310 });
    clock = 1000;
    const data = toOpenRouterEndpoints(endpoints, health);
    expect(data?.id).toBe("meta-llama/llama-3.3-70b-instruct");
    expect(data?.endpoints).toEqual([
      expect.objectContaining({
        provider_name: "GROQ",
        context_length: 131_072,
        max_completion_tokens: 32_768,
        pricing: { prompt: "0.00000059", completion: "0.00000079", request: "0" },
        status: 0,
        uptime_last_30m: 100,
        latency_ms: 180,
        throughput_tokens_per_second: 310,
      }),
      expect.objectContaining({ provider_name: "TOGETHER", pricing: expect.objectContaining({ prompt: "0.00000088" }), uptime_last_30m: null, latency_ms: null }),
    ]);
  });

  it("is undefined for a model no provider serves", () => {
    expect(toOpenRouterEndpoints([], undefined)).toBeUndefined();
  });
});
