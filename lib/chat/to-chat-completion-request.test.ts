import { describe, expect, it } from "vitest";
import { chatCompletionRequestSchema } from "../gateway/schema/chat-completion-request";
import { lastPromptText, toChatCompletionRequest } from "./to-chat-completion-request";

describe("toChatCompletionRequest", () => {
  const body = {
    conversationId: "c",
    slotId: "a",
    model: "simulated/swift-mini",
    systemPrompt: "Be brief.",
    settings: { temperature: 0.4, max_tokens: 200 },
    messages: [
      { id: "1", role: "user" as const, parts: [{ type: "text", text: "Describe this" }, { type: "file", mediaType: "image/png", url: "data:image/png;base64,AAAA" }] },
      { id: "2", role: "assistant" as const, parts: [{ type: "reasoning", text: "hmm" }, { type: "text", text: "A cat." }] },
      { id: "3", role: "user" as const, parts: [{ type: "text", text: "Thanks!" }] },
    ],
  };

  it("puts the system prompt first, keeps images and text, drops reasoning, and carries the settings", () => {
    const request = toChatCompletionRequest(body);
    expect(request).toEqual({
      model: "simulated/swift-mini",
      stream: true,
      temperature: 0.4,
      max_tokens: 200,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: [{ type: "text", text: "Describe this" }, { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } }] },
        { role: "assistant", content: "A cat." },
        { role: "user", content: "Thanks!" },
      ],
    });
    expect(chatCompletionRequestSchema.safeParse(request).success).toBe(true);
    expect(lastPromptText(body)).toBe("Thanks!");
  });
});
