import { UnsupportedFeatureError } from "../../errors";
import type { ChatCompletionRequest, ChatMessage } from "../../schema/chat-completion-request";
import type { AnthropicContentBlock, AnthropicMessagesRequest } from "./anthropic-messages-request";

/** OpenRouter's name for reasoning that only Claude can read back. */
export const REASONING_FORMAT = "anthropic-claude-v1";

type UserPart = Extract<Exclude<Extract<ChatMessage, { role: "user" }>["content"], string>[number], { type: "text" | "image_url" }>;

/**
 * An Anthropic Messages request as the OpenAI chat request the gateway core
 * serves: `system` becomes the first message, tool_use blocks become
 * tool_calls, tool_result blocks become `tool` messages (before the rest of
 * their user turn, as OpenAI orders them), thinking blocks are not sent back.
 * @see https://docs.claude.com/en/api/messages
 */
export function convertMessagesToChatRequest(request: AnthropicMessagesRequest): ChatCompletionRequest {
  const messages: ChatMessage[] = [];
  const system = typeof request.system === "string" ? request.system : request.system?.map((block) => block.text).join("\n");
  if (system) messages.push({ role: "system", content: system });

  for (const message of request.messages) {
    const blocks: AnthropicContentBlock[] = typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content;
    if (message.role === "assistant") messages.push(...convertAssistantTurn(blocks));
    else messages.push(...convertUserTurn(blocks));
  }

  const chat: ChatCompletionRequest = { model: request.model, messages, max_tokens: request.max_tokens };
  if (request.stream) chat.stream = true;
  if (request.temperature !== undefined) chat.temperature = request.temperature;
  if (request.top_p !== undefined) chat.top_p = request.top_p;
  if (request.top_k !== undefined) chat.top_k = request.top_k;
  if (request.stop_sequences?.length) chat.stop = request.stop_sequences.slice(0, 4);
  if (request.stop_sequences && request.stop_sequences.length > 4) {
    throw new UnsupportedFeatureError("At most 4 stop_sequences are supported.", "stop_sequences");
  }
  if (request.metadata?.user_id) chat.user = request.metadata.user_id;
  if (request.thinking?.type === "enabled") chat.reasoning = { max_tokens: request.thinking.budget_tokens };
  if (request.tools?.length) {
    chat.tools = request.tools.map((tool) => ({
      type: "function" as const,
      function: { name: tool.name, ...(tool.description ? { description: tool.description } : {}), parameters: tool.input_schema },
    }));
  }
  const choice = request.tool_choice;
  if (choice) {
    if (choice.type === "tool") {
      if (!choice.name) throw new UnsupportedFeatureError("tool_choice of type 'tool' needs a name.", "tool_choice.name");
      chat.tool_choice = { type: "function", function: { name: choice.name } };
    } else if (chat.tools || choice.type === "none") {
      chat.tool_choice = choice.type === "any" ? "required" : choice.type;
    }
    if (choice.disable_parallel_tool_use) chat.parallel_tool_calls = false;
  }
  return chat;
}

function convertAssistantTurn(blocks: AnthropicContentBlock[]): ChatMessage[] {
  let text = "";
  const toolCalls: Array<{ id: string; type: "function"; function: { name: string; arguments: string } }> = [];
  const reasoningDetails: Array<Record<string, unknown>> = [];
  for (const block of blocks) {
    if (block.type === "text") text += block.text;
    else if (block.type === "tool_use") {
      toolCalls.push({ id: block.id, type: "function", function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } });
    } else if (block.type === "thinking") {
      // Signed thinking travels as OpenRouter's reasoning_details, so a Claude upstream gets it back verbatim.
      reasoningDetails.push({ type: "reasoning.text", text: block.thinking, signature: block.signature, format: REASONING_FORMAT, index: reasoningDetails.length });
    } else if (block.type === "redacted_thinking") {
      reasoningDetails.push({ type: "reasoning.encrypted", data: block.data, format: REASONING_FORMAT, index: reasoningDetails.length });
    } else {
      throw new UnsupportedFeatureError(`An assistant turn cannot hold a ${block.type} block.`, "messages");
    }
  }
  if (!text && toolCalls.length === 0) return [];
  return [
    {
      role: "assistant",
      content: text || null,
      ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
      ...(reasoningDetails.length ? { reasoning_details: reasoningDetails } : {}),
    },
  ];
}

function convertUserTurn(blocks: AnthropicContentBlock[]): ChatMessage[] {
  const toolMessages: ChatMessage[] = [];
  const parts: UserPart[] = [];
  for (const block of blocks) {
    if (block.type === "tool_result") {
      const content = typeof block.content === "string" ? block.content : (block.content ?? []).map((part) => (part.type === "text" ? part.text : "")).join("");
      toolMessages.push({ role: "tool", tool_call_id: block.tool_use_id, content: block.is_error ? `Error: ${content}` : content });
    } else if (block.type === "text") {
      parts.push({ type: "text", text: block.text, ...(block.cache_control ? { cache_control: block.cache_control } : {}) });
    } else if (block.type === "image") {
      const url = block.source.type === "base64" ? `data:${block.source.media_type};base64,${block.source.data}` : block.source.url;
      parts.push({ type: "image_url", image_url: { url } });
    } else {
      throw new UnsupportedFeatureError(`A user turn cannot hold a ${block.type} block.`, "messages");
    }
  }
  if (parts.length === 0) return toolMessages;
  const plainText = parts.every((part) => part.type === "text" && !part.cache_control);
  const content = plainText ? parts.map((part) => (part.type === "text" ? part.text : "")).join("\n") : parts;
  return [...toolMessages, { role: "user", content }];
}
