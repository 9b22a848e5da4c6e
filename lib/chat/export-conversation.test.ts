import { describe, expect, it } from "vitest";
import type { ConversationDetail } from "./chat-contract";
import { exportConversationAsJson, exportConversationAsMarkdown } from "./export-conversation";

const conversation: ConversationDetail = {
  id: "c1",
  title: "Trains",
  systemPrompt: "Be brief.",
  settings: { temperature: 0.5 },
  slots: [{ id: "a", model: "simulated/swift-mini" }],
  threads: {
    a: [
      { id: "u1", role: "user", parts: [{ type: "text", text: "Tell me about trains" }] },
      {
        id: "r1",
        role: "assistant",
        parts: [{ type: "text", text: "Trains run on rails." }],
        metadata: { status: "complete", provider: "Simulated", promptTokens: 12, completionTokens: 5, cost: 0.000003 },
      },
    ],
  },
  totalCost: 0.000003,
  createdAt: "2026-11-24T00:00:00.000Z",
  updatedAt: "2026-11-24T00:00:00.000Z",
};

describe("exportConversation", () => {
  it("writes Markdown with the settings, each column's thread and the reply stats", () => {
    const markdown = exportConversationAsMarkdown(conversation);
    expect(markdown).toContain("# Trains");
    expect(markdown).toContain("## System prompt\n\nBe brief.");
    expect(markdown).toContain("## simulated/swift-mini");
    expect(markdown).toContain("### User\n\nTell me about trains");
    expect(markdown).toContain("> provider Simulated · 12 prompt + 5 completion tokens · $0.000003");
  });

  it("writes JSON that reads back to the same conversation", () => {
    const parsed = JSON.parse(exportConversationAsJson(conversation)) as ConversationDetail & { format: string };
    expect(parsed.format).toBe("switchyard.conversation.v1");
    expect(parsed.threads).toEqual(conversation.threads);
  });
});
