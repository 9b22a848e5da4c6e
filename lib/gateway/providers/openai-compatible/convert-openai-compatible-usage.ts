import type { OpenAIUsage } from "../../chat-types";
import type { OpenAICompatibleChunk } from "./openai-compatible-api";

type UpstreamUsage = NonNullable<OpenAICompatibleChunk["usage"]>;

/**
 * Keeps every usage field the provider sent (Groq's timings, OpenAI's audio
 * and prediction token counts) and fills `total_tokens`, which a few
 * OpenAI-compatible servers leave out.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 */
export function convertOpenAICompatibleUsage(usage: UpstreamUsage): OpenAIUsage {
  return { ...usage, total_tokens: usage.total_tokens ?? usage.prompt_tokens + usage.completion_tokens };
}
