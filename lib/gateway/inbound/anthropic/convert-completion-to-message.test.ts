import { describe, expect, it } from "vitest";
import { convertCompletionToMessage } from "./convert-completion-to-message";

describe("convertCompletionToMessage", () => {
  it("returns signed thinking, text and tool_use blocks with Anthropic's stop reason and usage", () => {
    const message = convertCompletionToMessage(
      {
        id: "gen-1",
        model: "anthropic/claude-sonnet-4.5",
        choices: [
          {
            message: {
              content: "Checking.",
              reasoning: "Use the tool.",
              reasoning_details: [
                { type: "reasoning.text", text: "Use the ", index: 0 },
                { type: "reasoning.text", text: "tool.", signature: "sig-1", index: 0 },
                { type: "reasoning.encrypted", data: "opaque", index: 1 },
              ],
              tool_calls: [{ id: "toolu_1", function: { name: "weather", arguments: '{"city":"Oslo"}' } }],
            },
            finish_reason: "tool_calls",
          },
        ],
        usage: {
          prompt_tokens: 1529,
          completion_tokens: 40,
          total_tokens: 1569,
          cost: 0,
          is_byok: false,
          prompt_tokens_details: { cached_tokens: 1111, cache_write_tokens: 418, audio_tokens: 0 },
          cost_details: { upstream_inference_cost: null, upstream_inference_prompt_cost: 0, upstream_inference_completions_cost: 0 },
          completion_tokens_details: { reasoning_tokens: 0, image_tokens: 0, audio_tokens: 0 },
        },
      },
      "anthropic/claude-sonnet-4.5",
    );
    expect(message.content).toEqual([
      { type: "thinking", thinking: "Use the tool.", signature: "sig-1" },
      { type: "redacted_thinking", data: "opaque" },
      { type: "text", text: "Checking." },
      { type: "tool_use", id: "toolu_1", name: "weather", input: { city: "Oslo" } },
    ]);
    expect(message.stop_reason).toBe("tool_use");
    expect(message.usage).toEqual({ input_tokens: 0, output_tokens: 40, cache_read_input_tokens: 1111, cache_creation_input_tokens: 418 });
  });
});
