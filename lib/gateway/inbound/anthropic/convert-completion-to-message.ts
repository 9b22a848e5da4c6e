import type { ClientUsage } from "../../completion/to-client-usage";
import { toAnthropicStopReason, toAnthropicUsage } from "./to-anthropic-stop-reason";

/** OpenRouter's reasoning_details entry, as upstreams that sign their reasoning send it. */
export interface ReasoningDetail {
  type?: string;
  text?: string;
  signature?: string | null;
  data?: string;
  index?: number;
}

interface CompletionBody {
  id?: unknown;
  model?: unknown;
  choices?: Array<{
    message?: {
      content?: string | null;
      reasoning?: string | null;
      reasoning_details?: ReasoningDetail[] | null;
      tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
    };
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
  if (message?.reasoning_details?.length) content.push(...toThinkingBlocks(message.reasoning_details));
  else if (message?.reasoning) content.push({ type: "thinking", thinking: message.reasoning, signature: "" });
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

/** reasoning_details as Anthropic thinking blocks: text entries of one index joined, with their signature. */
export function toThinkingBlocks(details: readonly ReasoningDetail[]): Array<Record<string, unknown>> {
  const blocks: Array<{ type: "thinking"; thinking: string; signature: string } | { type: "redacted_thinking"; data: string }> = [];
  const thinkingByIndex = new Map<number, { type: "thinking"; thinking: string; signature: string }>();
  for (const [position, detail] of details.entries()) {
    if (detail.type === "reasoning.encrypted" && detail.data) {
      blocks.push({ type: "redacted_thinking", data: detail.data });
    } else if (detail.type === "reasoning.text") {
      const index = detail.index ?? position;
      let block = thinkingByIndex.get(index);
      if (!block) {
        block = { type: "thinking", thinking: "", signature: "" };
        thinkingByIndex.set(index, block);
        blocks.push(block);
      }
      block.thinking += detail.text ?? "";
      if (detail.signature) block.signature = detail.signature;
    }
  }
  return blocks;
}
