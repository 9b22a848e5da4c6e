import { describe, expect, it } from "vitest";
import { mapGoogleFinishReason } from "./map-google-finish-reason";

describe("mapGoogleFinishReason", () => {
  it.each([
    ["STOP", false, "stop"],
    ["STOP", true, "tool_calls"],
    ["MAX_TOKENS", false, "length"],
    ["MAX_TOKENS", true, "length"],
    ["SAFETY", false, "content_filter"],
    ["RECITATION", false, "content_filter"],
    ["BLOCKLIST", false, "content_filter"],
    ["PROHIBITED_CONTENT", false, "content_filter"],
    ["SPII", false, "content_filter"],
    ["MALFORMED_FUNCTION_CALL", false, "stop"],
    [undefined, false, "stop"],
  ])("maps %s (tool calls: %s) to %s", (reason, hasToolCalls, expected) => {
    expect(mapGoogleFinishReason(reason, hasToolCalls)).toBe(expected);
  });
});
