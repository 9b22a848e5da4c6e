import { describe, expect, it } from "vitest";
import type { ChatCompletionRequest } from "../schema/chat-completion-request";
import { estimatePromptTokens } from "../usage/estimate-usage";
import { makeEndpoint, providerIds } from "./__fixtures__/endpoints";
import { selectEndpoints } from "./select-endpoints";

const ask = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({ model: "vendor/model", messages: [{ role: "user", content: "Hi" }], ...extra });

describe("selectEndpoints", () => {
  it("orders the capable endpoints cheapest first", () => {
    const endpoints = [
      makeEndpoint({ provider: "dear", pricing: { promptPerMillion: 3_000_000 } }),
      makeEndpoint({ provider: "cheap", pricing: { promptPerMillion: 500_000 } }),
      makeEndpoint({ provider: "middle", pricing: { promptPerMillion: 1_000_000 } }),
    ];
    expect(providerIds(selectEndpoints(endpoints, ask()).candidates)).toEqual(["cheap", "middle", "dear"]);
  });

  it("leaves out endpoints lacking tools, tool_choice, response_format, reasoning or image input, and says which", () => {
    const plain = makeEndpoint({ provider: "plain", supportedParameters: ["temperature"] });
    const full = makeEndpoint({ provider: "full", supportedParameters: ["tools", "tool_choice", "response_format", "reasoning"], images: true });
    const request = ask({
      tools: [{ type: "function", function: { name: "lookup", parameters: { type: "object" } } }],
      tool_choice: "required",
      response_format: { type: "json_object" },
      reasoning: { effort: "high" },
      messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "https://example.com/cat.png" } }] }],
    });
    const selection = selectEndpoints([plain, full], request);
    expect(providerIds(selection.candidates)).toEqual(["full"]);
    expect(selection.excluded[0]?.reason).toBe("does not support tools, tool_choice, response_format, reasoning, image input");
  });

  it("does not ask for reasoning support when reasoning is turned off", () => {
    const plain = makeEndpoint({ provider: "plain", supportedParameters: [] });
    expect(providerIds(selectEndpoints([plain], ask({ reasoning: { enabled: false } })).candidates)).toEqual(["plain"]);
  });

  it("leaves out endpoints whose context cannot hold the prompt plus the output asked for", () => {
    const prompt = "The quick brown fox jumps over the lazy dog. ".repeat(400);
    const request = ask({ messages: [{ role: "user", content: prompt }], max_tokens: 1000 });
    const promptTokens = estimatePromptTokens(request);
    expect(promptTokens).toBeGreaterThan(3000);
    const small = makeEndpoint({ provider: "small", contextLength: promptTokens + 999 });
    const exact = makeEndpoint({ provider: "exact", contextLength: promptTokens + 1000 });
    const large = makeEndpoint({ provider: "large", contextLength: 128_000 });
    const selection = selectEndpoints([small, exact, large], request);
    expect(providerIds(selection.candidates).sort()).toEqual(["exact", "large"]);
    expect(selection.excluded).toEqual([
      { endpoint: small, reason: `has a ${promptTokens + 999}-token context, too small for about ${promptTokens} prompt tokens plus 1000 output tokens` },
    ]);
  });

  it("counts max_completion_tokens like max_tokens", () => {
    const small = makeEndpoint({ provider: "small", contextLength: 4096 });
    const selection = selectEndpoints([small], ask({ max_completion_tokens: 5000 }));
    expect(selection.candidates).toEqual([]);
    expect(selection.excluded[0]?.reason).toMatch(/^has a 4096-token context, too small for about \d+ prompt tokens plus 5000 output tokens$/);
  });

  it("counts characters that take several tokens each, not only their number", () => {
    // Rare CJK characters are several tokens each: a character count would let this through.
    const prompt = "𠀋𠂤𠃵𠄌".repeat(600);
    const request = ask({ messages: [{ role: "user", content: prompt }] });
    expect(estimatePromptTokens(request)).toBeGreaterThan(prompt.length);
    const endpoint = makeEndpoint({ provider: "tight", contextLength: prompt.length + 100 });
    expect(selectEndpoints([endpoint], request).candidates).toEqual([]);
  });
});
