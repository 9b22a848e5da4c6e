import type { ChatCompletionRequest, ChatMessage } from "../gateway/schema/chat-completion-request";
import type { ChatRequestBody } from "./chat-contract";

type Part = { type: string; [key: string]: unknown };

/**
 * One column's thread (AI SDK UI messages) as the OpenAI chat request the
 * gateway core serves for the API too: the room's system prompt first, then
 * text and images from the user, text from the model. Reasoning is not sent
 * back, as providers expect.
 */
export function toChatCompletionRequest(body: ChatRequestBody): ChatCompletionRequest {
  const messages: ChatMessage[] = [];
  if (body.systemPrompt?.trim()) messages.push({ role: "system", content: body.systemPrompt });
  for (const message of body.messages) {
    const parts = message.parts as Part[];
    if (message.role === "user") {
      const content = userContent(parts);
      if (content.length > 0) messages.push({ role: "user", content });
    } else if (message.role === "assistant") {
      const text = textOf(parts);
      if (text) messages.push({ role: "assistant", content: text });
    }
  }
  return {
    model: body.model,
    messages,
    stream: true,
    ...(body.settings?.temperature === undefined ? {} : { temperature: body.settings.temperature }),
    ...(body.settings?.top_p === undefined ? {} : { top_p: body.settings.top_p }),
    ...(body.settings?.max_tokens === undefined ? {} : { max_tokens: body.settings.max_tokens }),
  };
}

function textOf(parts: Part[]): string {
  return parts
    .filter((part) => part.type === "text" && typeof part.text === "string")
    .map((part) => part.text as string)
    .join("");
}

function userContent(parts: Part[]): Extract<ChatMessage, { role: "user" }>["content"] {
  const images = parts.filter((part) => part.type === "file" && typeof part.url === "string" && String(part.mediaType).startsWith("image/"));
  const text = textOf(parts);
  if (images.length === 0) return text;
  return [
    ...(text ? [{ type: "text" as const, text }] : []),
    ...images.map((part) => ({ type: "image_url" as const, image_url: { url: part.url as string } })),
  ];
}

/** The text of the last user message, to name a new conversation. */
export function lastPromptText(body: ChatRequestBody): string {
  const last = [...body.messages].reverse().find((message) => message.role === "user");
  return last ? textOf(last.parts as Part[]) : "";
}
