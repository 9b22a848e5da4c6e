import type { ChatUIMessage, ConversationDetail } from "./chat-contract";

/**
 * A conversation as a Markdown document a person can read: the room's
 * settings, then each column's thread with the stats of every reply.
 */
export function exportConversationAsMarkdown(conversation: ConversationDetail): string {
  const lines: string[] = [`# ${conversation.title}`, ""];
  lines.push(`- Created: ${conversation.createdAt}`);
  lines.push(`- Models: ${conversation.slots.map((slot) => slot.model).join(", ")}`);
  lines.push(`- Total cost: $${formatCost(conversation.totalCost)}`);
  const settings = Object.entries(conversation.settings);
  if (settings.length > 0) lines.push(`- Settings: ${settings.map(([name, value]) => `${name}=${value}`).join(", ")}`);
  if (conversation.systemPrompt) lines.push("", "## System prompt", "", conversation.systemPrompt);

  for (const slot of conversation.slots) {
    lines.push("", `## ${slot.model}`);
    for (const message of conversation.threads[slot.id] ?? []) {
      lines.push("", `### ${message.role === "user" ? "User" : "Assistant"}`, "", textOf(message) || "_(no text)_");
      const metadata = message.metadata;
      if (message.role === "assistant" && metadata) {
        const stats = [
          metadata.provider ? `provider ${metadata.provider}` : undefined,
          metadata.promptTokens === undefined ? undefined : `${metadata.promptTokens} prompt + ${metadata.completionTokens ?? 0} completion tokens`,
          metadata.cost === undefined ? undefined : `$${formatCost(metadata.cost)}`,
          metadata.status && metadata.status !== "complete" ? metadata.status : undefined,
          metadata.errorMessage,
        ].filter(Boolean);
        if (stats.length > 0) lines.push("", `> ${stats.join(" · ")}`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

export function exportConversationAsJson(conversation: ConversationDetail): string {
  return `${JSON.stringify({ format: "switchyard.conversation.v1", ...conversation }, null, 2)}\n`;
}

function textOf(message: ChatUIMessage): string {
  return message.parts
    .map((part) => (part.type === "text" ? part.text : part.type === "dynamic-tool" ? `\`tool call: ${part.toolName}(${JSON.stringify(part.input)})\`` : ""))
    .filter(Boolean)
    .join("\n\n");
}

function formatCost(dollars: number): string {
  return dollars.toFixed(6).replace(/0+$/, "").replace(/\.$/, ".00");
}
