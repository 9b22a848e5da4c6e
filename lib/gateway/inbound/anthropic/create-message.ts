import { createChatCompletion, type GatewayDependencies, type PhaseTiming } from "../../completion/create-chat-completion";
import { chatCompletionRequestSchema } from "../../schema/chat-completion-request";
import { parseRequest } from "../../schema/parse-request";
import type { Caller } from "../../store";
import type { AnthropicMessagesRequest } from "./anthropic-messages-request";
import { convertCompletionToMessage } from "./convert-completion-to-message";
import { convertMessagesToChatRequest } from "./convert-messages-to-chat-request";
import { createAnthropicEventStream } from "./create-anthropic-event-stream";

export type MessageOutcome =
  | { type: "json"; generationId: string; body: ReturnType<typeof convertCompletionToMessage> }
  | { type: "stream"; generationId: string; stream: ReadableStream<Uint8Array> };

/**
 * Anthropic's Messages API served from any model in the catalog, through
 * the same completion as /chat/completions: the same routing, billing and
 * generation records; only the wire format differs.
 */
export async function createMessage(
  dependencies: GatewayDependencies,
  input: { request: AnthropicMessagesRequest; caller: Caller; signal?: AbortSignal; timing?: PhaseTiming },
): Promise<MessageOutcome> {
  // Checked as any API request is, so this door lets nothing through that the other refuses.
  const chatRequest = parseRequest(chatCompletionRequestSchema, convertMessagesToChatRequest(input.request));
  const outcome = await createChatCompletion(dependencies, { request: chatRequest, caller: input.caller, signal: input.signal, timing: input.timing });
  if (outcome.type === "json") {
    return { type: "json", generationId: outcome.generationId, body: convertCompletionToMessage(outcome.body, input.request.model) };
  }
  return {
    type: "stream",
    generationId: outcome.generationId,
    stream: createAnthropicEventStream(outcome.stream, { id: outcome.generationId, model: input.request.model }),
  };
}
