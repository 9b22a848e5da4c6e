import "server-only";
import type { UIMessageChunk } from "ai";
import { createMessageId, findOwnedConversation, saveAssistantMessage, syncSlotThread } from "../db/conversation-queries";
import { chatCompletionRequestSchema } from "../gateway/schema/chat-completion-request";
import { parseRequest } from "../gateway/schema/parse-request";
import type { Gateway } from "../server/gateway";
import type { ChatRequestBody } from "./chat-contract";
import { createChatReplyStream } from "./create-chat-reply-stream";
import { lastPromptText, toChatCompletionRequest } from "./to-chat-completion-request";

/**
 * A reply for one column: checks the conversation is the user's, stores the
 * thread as the browser has it, and streams the model's answer, saving it
 * (with the generation that billed it) however it ends. The user pays with
 * their own credits, exactly as through the API.
 */
export async function startChatReply(input: {
  gateway: Gateway;
  userId: string;
  body: ChatRequestBody;
  signal: AbortSignal;
}): Promise<ReadableStream<UIMessageChunk>> {
  const { gateway, userId, body } = input;
  await findOwnedConversation({ userId, id: body.conversationId });
  // Validated like an API request, so the room cannot send what the API would refuse.
  const request = parseRequest(chatCompletionRequestSchema, toChatCompletionRequest(body));
  await syncSlotThread({ conversationId: body.conversationId, slotId: body.slotId, messages: body.messages });

  return createChatReplyStream({
    dependencies: gateway.dependencies,
    store: gateway.store,
    caller: { userId, apiKeyId: null },
    model: body.model,
    request,
    signal: input.signal,
    messageId: createMessageId(),
    save: (reply) =>
      saveAssistantMessage({
        conversationId: body.conversationId,
        slotId: body.slotId,
        ...reply,
        titleFromPrompt: lastPromptText(body),
      }).catch((error: unknown) => console.error("[chat] could not save a reply:", error)),
  });
}
