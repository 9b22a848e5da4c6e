import type { ClientUsage } from "../../completion/to-client-usage";
import { toAnthropicStopReason, toAnthropicUsage } from "./to-anthropic-stop-reason";

interface CompletionBody {
  id?: unknown;
  model?: unknown;
  choices?: Array<{
    message?: { content?: string | null; reasoning?: string | null; tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }> };
    finish_reason?: string | null;
  }>;
  usage?: ClientUsage;
}

/**
 * A gateway completion as Anthropic's Message: reasoning as a thinking
 * block, text, then tool_use blocks with their input parsed.
 * @see https://docs.claude.com/en/api/messages
 */
export function convertCompletionToMessage(body: CompletionBody, requestedModel: string) {
  const choice = body.choices?.[0];
  const message = choice?.message;
  const content: Array<Record<string, unknown>> = [];
  if (message?.reasoning) content.push({ type: "thinking", thinking: message.reasoning, signature: "" });
  if (message?.content) content.push({ type: "text", text: message.content });
  for (const call of message?.tool_calls ?? []) {
    content.push({ type: "tool_use", id: call.id, name: call.function.name, input: parseInput(call.function.arguments) });
  }
  return {
    id: typeof body.id === "string" ? body.id : "",
    type: "message",
    role: "assistant",
    model: typeof body.model === "string" ? body.model : requestedModel,
    content,
    stop_reason: toAnthropicStopReason(choice?.finish_reason),
    stop_sequence: null,
    usage: toAnthropicUsage(body.usage ?? {}),
  };
}

export function parseInput(text: string): unknown {
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { raw: text };
  }
}
