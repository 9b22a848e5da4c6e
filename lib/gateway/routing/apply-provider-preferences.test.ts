import { describe, expect, it } from "vitest";
import type { ChatCompletionRequest } from "../schema/chat-completion-request";
import { chatCompletionRequestSchema } from "../schema/chat-completion-request";
import { makeEndpoint, providerIds } from "./__fixtures__/endpoints";
import { applyProviderPreferences, usedParameters, type ProviderPreferences } from "./apply-provider-preferences";
import { createEndpointHealth } from "./endpoint-health";

// Cheapest first, as selectEndpoints hands them over.
const groq = makeEndpoint({ provider: "groq", name: "Groq", pricing: { promptPerMillion: 100_000, completionPerMillion: 200_000 } });
const together = makeEndpoint({
  provider: "together",
  name: "Together",
  pricing: { promptPerMillion: 500_000, completionPerMillion: 500_000 },
  supportedParameters: ["tools", "temperature"],
});
const openai = makeEndpoint({ provider: "openai", name: "OpenAI", pricing: { promptPerMillion: 2_500_000, completionPerMillion: 10_000_000 } });
const endpoints = [groq, together, openai];

function apply(preferences: ProviderPreferences, extra: Omit<Parameters<typeof applyProviderPreferences>[1], "preferences"> = {}) {
  return applyProviderPreferences(endpoints, { preferences, ...extra });
}

function reasons(result: ReturnType<typeof applyProviderPreferences>) {
  return result.excluded.map((exclusion) => [exclusion.endpoint.provider.id, exclusion.reason]);
}

describe("applyProviderPreferences", () => {
  it("changes nothing without preferences", () => {
    const result = applyProviderPreferences(endpoints, { preferences: undefined });
    expect(providerIds(result.candidates)).toEqual(["groq", "together", "openai"]);
    expect(result.excluded).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it("keeps only the providers in `only`, by id or display name, in any case", () => {
    const result = apply({ only: ["GROQ", "openai"] });
    expect(providerIds(result.candidates)).toEqual(["groq", "openai"]);
    expect(reasons(result)).toEqual([["together", "not in provider.only"]]);
    expect(providerIds(apply({ only: ["Together"] }).candidates)).toEqual(["together"]);
  });

  it("drops the providers in `ignore`", () => {
    const result = apply({ ignore: ["groq", "OPENAI"] });
    expect(providerIds(result.candidates)).toEqual(["together"]);
    expect(reasons(result)).toEqual([
      ["groq", "in provider.ignore"],
      ["openai", "in provider.ignore"],
    ]);
  });

  it("puts `order`ed providers first, in that order, then the rest", () => {
    expect(providerIds(apply({ order: ["openai", "Together"] }).candidates)).toEqual(["openai", "together", "groq"]);
  });

  it("keeps only `order`ed providers when fallbacks are off", () => {
    const result = apply({ order: ["openai", "together"], allow_fallbacks: false });
    expect(providerIds(result.candidates)).toEqual(["openai", "together"]);
    expect(reasons(result)).toEqual([["groq", "not in provider.order and allow_fallbacks is false"]]);
  });

  it("leaves allow_fallbacks without order to orderCandidates, which draws the first choice", () => {
    expect(providerIds(apply({ allow_fallbacks: false }).candidates)).toEqual(["groq", "together", "openai"]);
  });

  it("excludes endpoints lacking a used parameter under require_parameters", () => {
    const result = apply({ require_parameters: true }, { requestedParameters: ["tools", "max_tokens"] });
    expect(providerIds(result.candidates)).toEqual(["groq", "openai"]);
    expect(reasons(result)).toEqual([["together", "does not support max_tokens (require_parameters)"]]);
    // Without the flag, parameters are not checked here.
    expect(apply({}, { requestedParameters: ["max_tokens"] }).candidates).toHaveLength(3);
  });

  it("excludes endpoints known to retain data under data_collection: deny", () => {
    const dataRetention = new Map([
      ["openai", true],
      ["together/vendor/model", true],
      ["together", false],
    ]);
    const result = apply({ data_collection: "deny" }, { dataRetention });
    expect(providerIds(result.candidates)).toEqual(["groq"]);
    expect(reasons(result)).toEqual([
      ["together", "may retain prompts (data_collection: deny)"],
      ["openai", "may retain prompts (data_collection: deny)"],
    ]);
    expect(apply({ data_collection: "allow" }, { dataRetention }).candidates).toHaveLength(3);
  });

  it("excludes endpoints above max_price, given in dollars per million", () => {
    const result = apply({ max_price: { prompt: 1, completion: "0.5" } });
    expect(providerIds(result.candidates)).toEqual(["groq", "together"]);
    expect(reasons(result)).toEqual([["openai", "prompt price $2.5/M is above max_price.prompt $1/M"]]);
    const byCompletion = apply({ max_price: { completion: 0.2 } });
    expect(reasons(byCompletion)).toEqual([
      ["together", "completion price $0.5/M is above max_price.completion $0.2/M"],
      ["openai", "completion price $10/M is above max_price.completion $0.2/M"],
    ]);
  });

  it("applies max_price.request to the per-request fee", () => {
    const fee = makeEndpoint({ provider: "perplexity", pricing: { requestMicros: 5000 } });
    const result = applyProviderPreferences([groq, fee], { preferences: { max_price: { request: 0.001 } } });
    expect(reasons(result)).toEqual([["perplexity", "request fee $0.005 is above max_price.request $0.001"]]);
  });

  it("reports max_price fields it cannot apply", () => {
    const result = apply({ max_price: { image: 1, prompt: "cheap", completion: -1 } });
    expect(result.candidates).toHaveLength(3);
    expect(result.warnings).toEqual([
      "provider.max_price.image is not supported and was ignored.",
      "provider.max_price.prompt must be a non-negative number of dollars and was ignored.",
      "provider.max_price.completion must be a non-negative number of dollars and was ignored.",
    ]);
  });

  it("sorts by price", () => {
    const result = applyProviderPreferences([openai, groq, together], { preferences: { sort: "price" } });
    expect(providerIds(result.candidates)).toEqual(["groq", "together", "openai"]);
  });

  it("sorts by throughput and latency from the health snapshot, unmeasured last", () => {
    const health = createEndpointHealth({ now: () => 0 });
    health.recordSuccess("openai/vendor/model", { tokensPerSecond: 120, timeToFirstTokenMs: 300 });
    health.recordSuccess("together/vendor/model", { tokensPerSecond: 80, timeToFirstTokenMs: 200 });
    expect(providerIds(apply({ sort: "throughput" }, { health }).candidates)).toEqual(["openai", "together", "groq"]);
    expect(providerIds(apply({ sort: "latency" }, { health }).candidates)).toEqual(["together", "openai", "groq"]);
    // With nothing measured, price decides.
    expect(providerIds(applyProviderPreferences([openai, groq], { preferences: { sort: "throughput" } }).candidates)).toEqual(["groq", "openai"]);
  });

  it("lets `order` win over `sort`", () => {
    expect(providerIds(apply({ sort: "price", order: ["openai"] }).candidates)).toEqual(["openai", "groq", "together"]);
  });

  it("combines filters, reporting the first reason per endpoint", () => {
    const result = apply({ only: ["groq", "together"], ignore: ["together"], max_price: { prompt: 0.05 } });
    expect(result.candidates).toEqual([]);
    expect(reasons(result)).toEqual([
      ["groq", "prompt price $0.1/M is above max_price.prompt $0.05/M"],
      ["together", "in provider.ignore"],
      ["openai", "not in provider.only"],
    ]);
  });
});

describe("usedParameters", () => {
  function parse(body: Record<string, unknown>): ChatCompletionRequest {
    return chatCompletionRequestSchema.parse({ model: "vendor/model", messages: [{ role: "user", content: "Hi" }], ...body });
  }

  it("lists nothing for a bare request", () => {
    expect(usedParameters(parse({}))).toEqual([]);
  });

  it("names what the request sets, by OpenRouter's parameter names", () => {
    const request = parse({
      tools: [{ type: "function", function: { name: "lookup" } }],
      tool_choice: "required",
      response_format: { type: "json_schema", json_schema: { name: "answer" } },
      max_completion_tokens: 100,
      temperature: 0.2,
      top_k: 40,
      stop: null,
      logprobs: false,
      reasoning: { effort: "low" },
    });
    expect(usedParameters(request).sort()).toEqual(
      ["max_tokens", "reasoning", "response_format", "structured_outputs", "temperature", "tool_choice", "tools", "top_k"].sort(),
    );
  });
});
