import type { ChatMessage } from "../../schema/chat-completion-request";

type UserMessage = Extract<ChatMessage, { role: "user" }>;
export type ContentPart = Exclude<UserMessage["content"], string>[number];

/** Every part of a message's content, with plain strings as one text part. */
export function contentPartsOf(message: ChatMessage): Array<ContentPart | { type: "refusal"; refusal: string }> {
  const content = message.content;
  if (content === null || content === undefined) return [];
  if (typeof content === "string") return [{ type: "text", text: content }];
  return content;
}

/** The text a model reads from a message; images and other media are left out. */
export function textOf(message: ChatMessage): string {
  return contentPartsOf(message)
    .map((part) => (part.type === "text" ? part.text : part.type === "refusal" ? part.refusal : ""))
    .filter((text) => text.length > 0)
    .join("\n");
}

export function findLastUserMessage(messages: readonly ChatMessage[]): UserMessage | undefined {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message?.role === "user") return message;
  }
  return undefined;
}

export function countPartsOfType(message: ChatMessage | undefined, type: ContentPart["type"]): number {
  if (!message) return 0;
  return contentPartsOf(message).filter((part) => part.type === type).length;
}
