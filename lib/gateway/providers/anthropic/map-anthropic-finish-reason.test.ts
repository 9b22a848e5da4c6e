import { describe, expect, it } from "vitest";
import { mapAnthropicFinishReason } from "./map-anthropic-finish-reason";

describe("mapAnthropicFinishReason", () => {
  it.each([
    ["end_turn", "stop"],
    ["stop_sequence", "stop"],
    ["pause_turn", "stop"],
    ["max_tokens", "length"],
    ["tool_use", "tool_calls"],
    ["refusal", "content_filter"],
    ["something_new", "something_new"],
  ])("%s → %s", (stopReason, finishReason) => {
    expect(mapAnthropicFinishReason(stopReason)).toBe(finishReason);
  });

  it("keeps a missing reason missing", () => {
    expect(mapAnthropicFinishReason(null)).toBeNull();
    expect(mapAnthropicFinishReason(undefined)).toBeNull();
  });
});
