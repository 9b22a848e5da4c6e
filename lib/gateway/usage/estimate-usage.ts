import type { ChatMessage, ChatCompletionRequest } from "../schema/chat-completion-request";
import type { TokenUsage } from "./normalize-usage";
import { countTextTokens } from "./tokenize-text";

/**
 * Token counts for when a provider reports none (a stream cut short by the
 * client or the provider). The o200k tokenizer is OpenAI's; for other
 * vendors it is an estimate, and records made from it are marked so.
 */

/** ChatML framing: <|start|>role\n ... <|end|>, plus the reply priming. */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_FOR_REPLY_PRIMING = 3;
/** What OpenAI bills a low-detail image; a fair floor for an estimate. */
const TOKENS_PER_IMAGE = 85;

export function estimatePromptTokens(request: Pick<ChatCompletionRequest, "messages" | "tools">): number {
  let total = TOKENS_FOR_REPLY_PRIMING;
  for (const message of request.messages) {
    total += TOKENS_PER_MESSAGE + countTextTokens(message.role) + countMessageContent(message);
  }
  if (request.tools?.length) total += countTextTokens(JSON.stringify(request.tools));
  return total;
}

export function estimateUsage(request: Pick<ChatCompletionRequest, "messages" | "tools">, completionText: string): TokenUsage {
  return {
    promptTokens: estimatePromptTokens(request),
    completionTokens: countTextTokens(completionText),
    reasoningTokens: 0,
    cachedTokens: 0,
    cacheWriteTokens: 0,
  };
}

function countMessageContent(message: ChatMessage): number {
  let total = "name" in message && typeof message.name === "string" ? countTextTokens(message.name) : 0;
  const content = message.content;
  if (typeof content === "string") total += countTextTokens(content);
  else if (Array.isArray(content)) {
    for (const part of content) {
      if (part.type === "text") total += countTextTokens(part.text);
      else if (part.type === "refusal") total += countTextTokens(part.refusal);
      else if (part.type === "image_url") total += TOKENS_PER_IMAGE;
    }
  }
  if (message.role === "assistant" && message.tool_calls) {
    for (const call of message.tool_calls) {
      total += countTextTokens(call.function.name) + countTextTokens(call.function.arguments);
    }
  }
  return total;
}
