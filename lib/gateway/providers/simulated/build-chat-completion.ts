import type { ChatCompletion } from "../../chat-types";
import { type PlannedReply, usageOf } from "./plan-reply";
import type { ResponseIdentity } from "./stream-reply";

/** The non-streamed form of a planned reply, in OpenAI's shape. */
export function buildChatCompletion(reply: PlannedReply, identity: ResponseIdentity): ChatCompletion {
  return {
    ...identity,
    object: "chat.completion",
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: reply.content,
          ...(reply.reasoning !== null ? { reasoning: reply.reasoning } : {}),
          ...(reply.toolCalls.length > 0 ? { tool_calls: reply.toolCalls } : {}),
          refusal: null,
        },
        finish_reason: reply.finishReason,
        logprobs: null,
      },
    ],
    usage: usageOf(reply),
  };
}
