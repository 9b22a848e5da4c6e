import { describe, expect, it } from "vitest";
import { anthropicMessagesRequestSchema } from "./anthropic-messages-request";
import { convertMessagesToChatRequest } from "./convert-messages-to-chat-request";

const parse = (body: unknown) => convertMessagesToChatRequest(anthropicMessagesRequestSchema.parse(body));

describe("convertMessagesToChatRequest", () => {
  it("moves system first, keeps sampling settings, thinking as reasoning and the user id", () => {
    expect(
      parse({
        model: "openai/gpt-4o-mini",
        max_tokens: 256,
        system: [{ type: "text", text: "Be brief." }, { type: "text", text: "Use metric units." }],
        messages: [{ role: "user", content: "Hi" }],
        temperature: 0.2,
        top_k: 40,
        stop_sequences: ["END"],
        thinking: { type: "enabled", budget_tokens: 2048 },
        metadata: { user_id: "user-7" },
        stream: true,
      }),
    ).toEqual({
      model: "openai/gpt-4o-mini",
      max_tokens: 256,
      stream: true,
      temperature: 0.2,
      top_k: 40,
      stop: ["END"],
      user: "user-7",
      reasoning: { max_tokens: 2048 },
      messages: [
        { role: "system", content: "Be brief.\nUse metric units." },
        { role: "user", content: "Hi" },
      ],
    });
  });

  it("turns tool_use into tool_calls and tool_result into tool messages before the rest of the user turn", () => {
    const request = parse({
      model: "m",
      max_tokens: 100,
      tools: [{ name: "get_weather", description: "Weather", input_schema: { type: "object", properties: { city: { type: "string" } } } }],
      tool_choice: { type: "any", disable_parallel_tool_use: true },
      messages: [
        { role: "user", content: "Weather in Oslo?" },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "I should call the tool.", signature: "sig" },
            { type: "text", text: "Let me check." },
            { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Oslo" } },
          ],
        },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "toolu_1", content: [{ type: "text", text: "Sunny" }] },
            { type: "text", text: "And tomorrow?" },
          ],
        },
      ],
    });
    expect(request.tools).toEqual([
      { type: "function", function: { name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } } } } },
    ]);
    expect(request.tool_choice).toBe("required");
    expect(request.parallel_tool_calls).toBe(false);
    expect(request.messages).toEqual([
      { role: "user", content: "Weather in Oslo?" },
      {
        role: "assistant",
        content: "Let me check.",
        tool_calls: [{ id: "toolu_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } }],
        reasoning_details: [{ type: "reasoning.text", text: "I should call the tool.", signature: "sig", format: "anthropic-claude-v1", index: 0 }],
      },
      { role: "tool", tool_call_id: "toolu_1", content: "Sunny" },
      { role: "user", content: "And tomorrow?" },
    ]);
  });

  it("keeps images and cache_control as content parts", () => {
    const request = parse({
      model: "m",
      max_tokens: 100,
      messages: [
        {
          role: "user",
          content: [
            { type: "image", source: { type: "base64", media_type: "image/png", data: "AAAA" } },
            { type: "text", text: "Describe it", cache_control: { type: "ephemeral" } },
          ],
        },
      ],
    });
    expect(request.messages[0]).toEqual({
      role: "user",
      content: [
        { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } },
        { type: "text", text: "Describe it", cache_control: { type: "ephemeral" } },
      ],
    });
  });

  it("names the tool for tool_choice of type tool, and refuses what cannot be expressed", () => {
    const tools = [{ name: "lookup", input_schema: { type: "object" } }];
    expect(parse({ model: "m", max_tokens: 5, tools, tool_choice: { type: "tool", name: "lookup" }, messages: [{ role: "user", content: "x" }] }).tool_choice).toEqual({
      type: "function",
      function: { name: "lookup" },
    });
    expect(() => parse({ model: "m", max_tokens: 5, messages: [{ role: "user", content: [{ type: "tool_use", id: "t", name: "x", input: {} }] }] })).toThrow(
      /user turn cannot hold a tool_use/,
    );
    expect(() => parse({ model: "m", max_tokens: 5, stop_sequences: ["a", "b", "c", "d", "e"], messages: [{ role: "user", content: "x" }] })).toThrow(/stop_sequences/);
  });
});

describe("signed thinking", () => {
  it("travels from an Anthropic client's assistant turn as reasoning_details", () => {
    const request = parse({
      model: "anthropic/claude-sonnet-4.5",
      max_tokens: 2000,
      messages: [
        { role: "user", content: "Weather?" },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "Use the tool.", signature: "sig-1" },
            { type: "redacted_thinking", data: "opaque" },
            { type: "tool_use", id: "toolu_1", name: "weather", input: {} },
          ],
        },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "Sunny" }] },
      ],
    });
    expect(request.messages[1]).toMatchObject({
      role: "assistant",
      reasoning_details: [
        { type: "reasoning.text", text: "Use the tool.", signature: "sig-1", format: "anthropic-claude-v1", index: 0 },
        { type: "reasoning.encrypted", data: "opaque", format: "anthropic-claude-v1", index: 1 },
      ],
    });
  });
});
