/**
 * Anthropic's stop_reason as OpenAI's finish_reason. `pause_turn` (a server
 * tool paused a long turn) ends this response normally; unknown reasons pass
 * through so a client can still see them.
 * @see https://docs.claude.com/en/api/handling-stop-reasons
 */
export function mapAnthropicFinishReason(stopReason: string | null | undefined): string | null {
  switch (stopReason) {
    case "end_turn":
    case "stop_sequence":
    case "pause_turn":
      return "stop";
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "tool_use":
      return "tool_calls";
    case "refusal":
      return "content_filter";
    case null:
    case undefined:
      return null;
    default:
      return stopReason;
  }
}
