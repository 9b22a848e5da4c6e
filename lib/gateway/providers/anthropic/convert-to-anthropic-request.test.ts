import { describe, expect, it } from "vitest";
import { UnsupportedFeatureError } from "../../errors";
import type { UpstreamChatRequest } from "../provider";
import { convertToAnthropicRequest } from "./convert-to-anthropic-request";

const base: UpstreamChatRequest = { model: "claude-haiku-4-5", messages: [{ role: "user", content: "Hi" }] };

function bodyOf(request: Partial<UpstreamChatRequest>, maxOutputTokens: number | null = 64_000): Record<string, unknown> {
  return convertToAnthropicRequest({ ...base, ...request } as UpstreamChatRequest, maxOutputTokens).body;
}

describe("convertToAnthropicRequest", () => {
  it("moves system and developer messages to `system` and merges same-role turns", () => {
    const body = bodyOf({
      messages: [
        { role: "system", content: "You are terse." },
        { role: "developer", content: [{ type: "text", text: "Answer in French." }] },
        { role: "user", content: "Bonjour" },
        { role: "user", content: [{ type: "text", text: "Ça va ?" }] },
      ],
    });
    expect(body.system).toBe("You are terse.\n\nAnswer in French.");
    expect(body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Bonjour" }, { type: "text", text: "Ça va ?" }] },
    ]);
  });

  it("sends system as blocks when one carries cache_control, and passes cache_control on user parts", () => {
    const body = bodyOf({
      messages: [
        { role: "system", content: [{ type: "text", text: "Long reference text", cache_control: { type: "ephemeral" } }] },
        { role: "system", content: "Be brief." },
        { role: "user", content: [{ type: "text", text: "Question", cache_control: { type: "ephemeral" } }] },
      ],
    });
    expect(body.system).toEqual([
      { type: "text", text: "Long reference text", cache_control: { type: "ephemeral" } },
      { type: "text", text: "Be brief." },
    ]);
    expect(body.messages).toEqual([{ role: "user", content: [{ type: "text", text: "Question", cache_control: { type: "ephemeral" } }] }]);
  });

  it("converts data: and https image URLs", () => {
    const body = bodyOf({
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "Compare" },
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
            { type: "image_url", image_url: { url: "https://example.com/cat.jpg" } },
          ],
        },
      ],
    });
    expect(body.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "Compare" },
          { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
          { type: "image", source: { type: "url", url: "https://example.com/cat.jpg" } },
        ],
      },
    ]);
  });

  it("turns tool calls into tool_use and consecutive tool messages into one user turn of tool_result", () => {
    const body = bodyOf({
      messages: [
        { role: "user", content: "Weather in Paris and Tokyo?" },
        {
          role: "assistant",
          content: "",
          tool_calls: [
            { id: "toolu_1", type: "function", function: { name: "weather", arguments: '{"location":"Paris"}' } },
            { id: "toolu_2", type: "function", function: { name: "weather", arguments: "" } },
          ],
        },
        { role: "tool", tool_call_id: "toolu_1", content: "18°C" },
        { role: "tool", tool_call_id: "toolu_2", content: [{ type: "text", text: "25°C" }] },
        { role: "user", content: "Which is warmer?" },
      ],
    });
    expect(body.messages).toEqual([
      { role: "user", content: "Weather in Paris and Tokyo?" },
      {
        role: "assistant",
        content: [
          { type: "tool_use", id: "toolu_1", name: "weather", input: { location: "Paris" } },
          { type: "tool_use", id: "toolu_2", name: "weather", input: {} },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_1", content: "18°C" },
          { type: "tool_result", tool_use_id: "toolu_2", content: [{ type: "text", text: "25°C" }] },
          { type: "text", text: "Which is warmer?" },
        ],
      },
    ]);
  });

  describe("reasoning_details on assistant turns", () => {
    const assistantWith = (reasoningDetails: unknown, extra: Record<string, unknown> = {}): unknown[] =>
      bodyOf({
        messages: [
          { role: "user", content: "Hi" },
          { role: "assistant", content: "Hello", reasoning_details: reasoningDetails, ...extra },
          { role: "user", content: "Again" },
        ],
      } as Partial<UpstreamChatRequest>).messages as unknown[];

    it("opens the turn with thinking blocks, merging one index's fragments and taking its signature", () => {
      const messages = assistantWith([
        { type: "reasoning.text", text: "First ", format: "anthropic-claude-v1", index: 0 },
        { type: "reasoning.text", text: "thought.", format: "anthropic-claude-v1", index: 0 },
        { type: "reasoning.text", signature: "sig-0", format: "anthropic-claude-v1", index: 0 },
        { type: "reasoning.encrypted", data: "opaque", format: "anthropic-claude-v1", index: 1 },
        { type: "reasoning.text", text: "Second.", signature: "sig-2", index: 2 },
      ]);
      expect(messages[1]).toEqual({
        role: "assistant",
        content: [
          { type: "thinking", thinking: "First thought.", signature: "sig-0" },
          { type: "redacted_thinking", data: "opaque" },
          { type: "thinking", thinking: "Second.", signature: "sig-2" },
          { type: "text", text: "Hello" },
        ],
      });
    });

    it("leaves out unsigned thinking, other providers' entries and other types", () => {
      const messages = assistantWith([
        { type: "reasoning.text", text: "Unsigned", format: "anthropic-claude-v1", index: 0 },
        { type: "reasoning.text", text: "From OpenAI", signature: "x", format: "openai-responses-v1", index: 1 },
        { type: "reasoning.encrypted", data: "gAAAA", format: "openai-responses-v1", index: 2 },
        { type: "reasoning.summary", summary: "A summary", format: "anthropic-claude-v1", index: 3 },
      ]);
      expect(messages[1]).toEqual({ role: "assistant", content: "Hello" });
    });

    it("sends nothing for plain reasoning", () => {
      expect(assistantWith(undefined, { reasoning: "Thought about it." })[1]).toEqual({ role: "assistant", content: "Hello" });
    });

    it("rejects reasoning_details that are not an array of typed objects", () => {
      expect(() => assistantWith("nope")).toThrow(/messages\[1\]: reasoning_details/);
      expect(() => assistantWith([{ text: "no type" }])).toThrow(/reasoning_details/);
    });
  });

  it("maps tool_choice and parallel_tool_calls", () => {
    const tools = [{ type: "function" as const, function: { name: "weather" } }];
    expect(bodyOf({ tools }).tools).toEqual([{ name: "weather", input_schema: { type: "object", properties: {} } }]);
    expect(bodyOf({ tools }).tool_choice).toBeUndefined();
    expect(bodyOf({ tools, tool_choice: "auto" }).tool_choice).toEqual({ type: "auto" });
    expect(bodyOf({ tools, tool_choice: "none" }).tool_choice).toEqual({ type: "none" });
    expect(bodyOf({ tools, tool_choice: "required" }).tool_choice).toEqual({ type: "any" });
    expect(bodyOf({ tools, tool_choice: { type: "function", function: { name: "weather" } } }).tool_choice).toEqual({ type: "tool", name: "weather" });
    expect(bodyOf({ tools, parallel_tool_calls: false }).tool_choice).toEqual({ type: "auto", disable_parallel_tool_use: true });
    expect(bodyOf({ tools, tool_choice: "required", parallel_tool_calls: false }).tool_choice).toEqual({ type: "any", disable_parallel_tool_use: true });
  });

  it("sends sampling fields, stop sequences and the user id", () => {
    expect(bodyOf({ temperature: 0.3, top_p: 0.9, top_k: 40, stop: "END", user: "user-42", max_completion_tokens: 300, max_tokens: 100 })).toEqual({
      model: "claude-haiku-4-5",
      max_tokens: 300,
      messages: [{ role: "user", content: "Hi" }],
      stop_sequences: ["END"],
      temperature: 0.3,
      top_p: 0.9,
      top_k: 40,
      metadata: { user_id: "user-42" },
    });
    expect(bodyOf({ stop: ["a", "b"] }).stop_sequences).toEqual(["a", "b"]);
  });

  it("falls back to 4096 max_tokens when the model has no limit", () => {
    expect(bodyOf({}, null).max_tokens).toBe(4096);
  });

  it("maps reasoning effort and budgets to thinking, within max_tokens", () => {
    expect(bodyOf({ reasoning: { effort: "low" } }).thinking).toEqual({ type: "enabled", budget_tokens: 1024 });
    expect(bodyOf({ reasoning: { effort: "high" } }).thinking).toEqual({ type: "enabled", budget_tokens: 16_384 });
    expect(bodyOf({ reasoning: { enabled: true } }).thinking).toEqual({ type: "enabled", budget_tokens: 4096 });
    expect(bodyOf({ reasoning: { max_tokens: 500 } }).thinking).toEqual({ type: "enabled", budget_tokens: 1024 });
    expect(bodyOf({ reasoning: { effort: "high" }, max_tokens: 8000 }).thinking).toEqual({ type: "enabled", budget_tokens: 7999 });
    expect(bodyOf({ reasoning: { effort: "high", enabled: false } }).thinking).toBeUndefined();
    expect(() => bodyOf({ reasoning: { effort: "low" }, max_tokens: 1000 })).toThrow(UnsupportedFeatureError);
  });

  it("serves json_object with a forced tool too, and refuses it beside tools or reasoning", () => {
    const converted = convertToAnthropicRequest({ ...base, response_format: { type: "json_object" } }, 64_000);
    expect(converted.jsonToolName).toBe("json");
    expect(converted.body.tool_choice).toEqual({ type: "tool", name: "json" });
    const tools = [{ type: "function" as const, function: { name: "weather" } }];
    expect(() => bodyOf({ response_format: { type: "json_object" }, tools })).toThrow(/response_format with tools/);
    expect(() => bodyOf({ response_format: { type: "json_object" }, reasoning: { effort: "low" } })).toThrow(/response_format with reasoning/);
    expect(bodyOf({ response_format: { type: "text" } }).tools).toBeUndefined();
  });

  it.each([
    ["logprobs", { logprobs: true }],
    ["top_logprobs", { top_logprobs: 2 }],
    ["logit_bias", { logit_bias: { "50256": -100 } }],
    ["frequency_penalty", { frequency_penalty: 0.5 }],
    ["presence_penalty", { presence_penalty: -0.5 }],
    ["seed", { seed: 7 }],
    ["n", { n: 2 }],
  ])("rejects %s by name", (field, extra) => {
    let caught: unknown;
    try {
      bodyOf(extra as Partial<UpstreamChatRequest>);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnsupportedFeatureError);
    expect(caught).toMatchObject({ status: 400, param: field });
    expect((caught as Error).message).toContain(field);
  });

  it("accepts the neutral values of unsupported fields", () => {
    expect(() => bodyOf({ logprobs: false, frequency_penalty: 0, presence_penalty: 0, n: 1, logit_bias: {} })).not.toThrow();
  });

  it("rejects audio input and the legacy function role", () => {
    expect(() => bodyOf({ messages: [{ role: "user", content: [{ type: "input_audio", input_audio: { data: "AAA", format: "wav" } }] }] })).toThrow(
      /input_audio/,
    );
    expect(() => bodyOf({ messages: [{ role: "function", name: "f", content: "x" }] })).toThrow(/function/);
  });

  it("rejects tool call arguments that are not a JSON object", () => {
    const messages = [
      { role: "user" as const, content: "Hi" },
      { role: "assistant" as const, tool_calls: [{ id: "t", type: "function" as const, function: { name: "f", arguments: "{oops" } }] },
    ];
    expect(() => bodyOf({ messages })).toThrow(/not valid JSON/);
  });
});
