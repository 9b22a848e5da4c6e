import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { countPromptTokens, imageTokensHighDetail, imageTokensLowDetail } from "./count-prompt-tokens";

const tokens = (text: string) => encode(text).length;

describe("countPromptTokens", () => {
  it("adds three tokens of framing per message and three to prime the reply", () => {
    expect(countPromptTokens({ model: "m", messages: [{ role: "user", content: "Hello there" }] })).toBe(3 + 3 + tokens("user") + tokens("Hello there"));
  });

  it("counts names, tool calls, images and tool definitions", () => {
    const tool = { type: "function" as const, function: { name: "lookup", parameters: { type: "object", properties: {} } } };
    const total = countPromptTokens({
      model: "m",
      tools: [tool],
      messages: [
        {
          role: "user",
          name: "ana",
          content: [
            { type: "text", text: "Look" },
            { type: "image_url", image_url: { url: "https://example.com/a.png", detail: "low" } },
            { type: "image_url", image_url: { url: "https://example.com/b.png" } },
          ],
        },
        { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup", arguments: "{}" } }] },
        { role: "tool", tool_call_id: "call_1", content: "42" },
      ],
    });
    const expected =
      3 +
      (3 + tokens("user") + 1 + tokens("ana") + tokens("Look") + imageTokensLowDetail + imageTokensHighDetail) +
      (3 + tokens("assistant") + tokens("lookup") + tokens("{}")) +
      (3 + tokens("tool") + tokens("42")) +
      tokens(JSON.stringify([tool.function]));
    expect(total).toBe(expected);
  });
});
