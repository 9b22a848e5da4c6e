import { describe, expect, it } from "vitest";
import type { ChatCompletionRequest } from "../schema/chat-completion-request";
import { computeCostMicros } from "./compute-cost";
import { estimatePromptTokens } from "./estimate-usage";
import { maximumCostMicros, promptTokenUpperBound } from "./maximum-cost";

const ask = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({ model: "m", messages: [{ role: "user", content: "Hello there, how are you?" }], ...extra });
const model = { pricing: { promptPerMillion: 3_000_000, completionPerMillion: 15_000_000 }, contextLength: 200_000, maxOutputTokens: 64_000 };

describe("maximumCostMicros", () => {
  it("is never below what the tokenizer counts, for prose, code and rare characters", () => {
    for (const content of ["Hello", "function f(x) { return x * 2; }\n".repeat(50), "𠀋𠂤𠃵".repeat(300), "é".repeat(1000)]) {
      const request = ask({ messages: [{ role: "system", content: "Be brief." }, { role: "user", content }] });
      expect(promptTokenUpperBound(request)).toBeGreaterThanOrEqual(estimatePromptTokens(request));
    }
  });

  it("prices the prompt bound plus max_tokens of output", () => {
    const request = ask({ max_tokens: 100 });
    const prompt = promptTokenUpperBound(request);
    expect(maximumCostMicros(model, request)).toBe(BigInt(Math.ceil((prompt * 3_000_000 + 100 * 15_000_000) / 1_000_000)));
  });

  it("takes the endpoint's max output when the request sets none, and caps max_tokens at it", () => {
    const prompt = promptTokenUpperBound(ask());
    const expected = BigInt(Math.ceil((prompt * 3_000_000 + 64_000 * 15_000_000) / 1_000_000));
    expect(maximumCostMicros(model, ask())).toBe(expected);
    expect(maximumCostMicros(model, ask({ max_tokens: 1_000_000 }))).toBe(expected);
  });

  it("takes the rest of the context when the endpoint states no max output", () => {
    const prompt = promptTokenUpperBound(ask());
    const open = { ...model, maxOutputTokens: null, contextLength: 10_000 };
    expect(maximumCostMicros(open, ask())).toBe(BigInt(Math.ceil((prompt * 3_000_000 + (10_000 - prompt) * 15_000_000) / 1_000_000)));
  });

  it("uses the dearer of prompt and cache-write, completion and reasoning rates, plus the request fee", () => {
    const dear = { ...model, pricing: { promptPerMillion: 1_000_000, completionPerMillion: 2_000_000, cacheWritePerMillion: 1_250_000, reasoningPerMillion: 4_000_000, requestMicros: 500 } };
    const request = ask({ max_tokens: 10 });
    const prompt = promptTokenUpperBound(request);
    expect(maximumCostMicros(dear, request)).toBe(BigInt(Math.ceil((prompt * 1_250_000 + 10 * 4_000_000) / 1_000_000)) + 500n);
  });

  it("bounds every real usage the request can produce", () => {
    const request = ask({ max_tokens: 500 });
    const usage = { promptTokens: estimatePromptTokens(request), completionTokens: 500, reasoningTokens: 200, cachedTokens: 0, cacheWriteTokens: 5 };
    expect(maximumCostMicros(model, request)).toBeGreaterThanOrEqual(computeCostMicros(model.pricing, usage));
  });
});
