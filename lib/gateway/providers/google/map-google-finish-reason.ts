/** Reasons Gemini stops for content it will not produce or return. */
const CONTENT_FILTER_REASONS = new Set(["SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY"]);

/**
 * Gemini's finishReason as OpenAI's finish_reason. Gemini says STOP after
 * function calls too, so the caller tells whether the reply held any.
 * @see https://ai.google.dev/api/generate-content#FinishReason
 */
export function mapGoogleFinishReason(finishReason: string | null | undefined, hasToolCalls: boolean): string {
  if (finishReason === "MAX_TOKENS") return "length";
  if (finishReason && CONTENT_FILTER_REASONS.has(finishReason)) return "content_filter";
  return hasToolCalls ? "tool_calls" : "stop";
}
