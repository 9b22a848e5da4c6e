import type { ChatCompletionChunk, ChunkChoice } from "../../chat-types";
import type { AnthropicStreamEvent, AnthropicUsage } from "./anthropic-api";
import type { ConvertOptions } from "./convert-anthropic-message";
import { encryptedReasoningDetail, reasoningTextDetail } from "./convert-anthropic-reasoning-details";
import { convertAnthropicUsage, mergeAnthropicUsage } from "./convert-anthropic-usage";
import { mapAnthropicFinishReason } from "./map-anthropic-finish-reason";

/** What one content block of the stream turns into. */
type BlockTarget =
  | { kind: "tool"; toolIndex: number; sentArguments: boolean }
  | { kind: "json" }
  | { kind: "reasoning"; reasoningIndex: number }
  | { kind: "other" };

export interface AnthropicStreamConverter {
  /** The chunks one event becomes (often none: pings, block stops). Error events are the caller's. */
  convert(event: Exclude<AnthropicStreamEvent, { type: "error" }>): ChatCompletionChunk[];
  /** True once message_stop arrived. */
  readonly finished: boolean;
}

/**
 * Anthropic's stream events as OpenAI chunks: a role chunk at message_start,
 * text deltas as `content`, thinking deltas as `reasoning` and as
 * OpenRouter's `reasoning_details` (thinking text, then the block's
 * signature, then any redacted_thinking block's data, each entry carrying the
 * block's position among reasoning blocks as `index`), each tool_use
 * block as one tool call (indexes 0, 1, ... in order; the first delta carries
 * id, type, name and empty arguments, then the input_json_delta fragments),
 * a finish chunk at message_delta and a usage chunk (no choices) at
 * message_stop, from message_start's usage updated by message_delta's.
 * @see https://docs.claude.com/en/docs/build-with-claude/streaming#event-types
 * @see https://openrouter.ai/docs/use-cases/reasoning-tokens#preserving-reasoning-blocks
 */
export function createAnthropicStreamConverter(options: ConvertOptions): AnthropicStreamConverter {
  let id = options.id;
  let model = options.model;
  let usage: AnthropicUsage | undefined;
  let finished = false;
  let answeredByJsonTool = false;
  let nextToolIndex = 0;
  let nextReasoningIndex = 0;
  const blocks = new Map<number, BlockTarget>();

  const chunk = (choices: ChunkChoice[], extra: Partial<ChatCompletionChunk> = {}): ChatCompletionChunk => ({
    id,
    object: "chat.completion.chunk",
    created: options.created,
    model,
    choices,
    ...extra,
  });
  const delta = (value: ChunkChoice["delta"]): ChatCompletionChunk[] => [chunk([{ index: 0, delta: value, finish_reason: null }])];
  const toolDelta = (toolIndex: number, call: Record<string, unknown>): ChatCompletionChunk[] => delta({ tool_calls: [{ index: toolIndex, ...call }] });
  const thinkingDelta = (reasoningIndex: number, text: string): ChatCompletionChunk[] =>
    delta({ reasoning: text, reasoning_details: [reasoningTextDetail(reasoningIndex, { text })] });

  return {
    get finished() {
      return finished;
    },
    convert(event) {
      switch (event.type) {
        case "message_start":
          id = event.message.id ?? id;
          model = event.message.model ?? model;
          usage = mergeAnthropicUsage(undefined, event.message.usage);
          return delta({ role: "assistant", content: "" });

        case "content_block_start": {
          const block = event.content_block;
          if (block.type === "tool_use" && options.jsonToolName !== undefined && block.name === options.jsonToolName) {
            blocks.set(event.index, { kind: "json" });
            answeredByJsonTool = true;
            return [];
          }
          if (block.type === "tool_use") {
            const toolIndex = nextToolIndex++;
            blocks.set(event.index, { kind: "tool", toolIndex, sentArguments: false });
            return toolDelta(toolIndex, { id: block.id ?? "", type: "function", function: { name: block.name ?? "", arguments: "" } });
          }
          if (block.type === "thinking" || block.type === "redacted_thinking") {
            const reasoningIndex = nextReasoningIndex++;
            blocks.set(event.index, { kind: "reasoning", reasoningIndex });
            if (!options.includeReasoning) return [];
            if (block.type === "thinking" && block.thinking) return thinkingDelta(reasoningIndex, block.thinking);
            // Redacted thinking arrives whole here; no deltas follow.
            if (block.type === "redacted_thinking" && block.data) return delta({ reasoning_details: [encryptedReasoningDetail(reasoningIndex, block.data)] });
            return [];
          }
          blocks.set(event.index, { kind: "other" });
          if (block.type === "text" && block.text) return delta({ content: block.text });
          return [];
        }

        case "content_block_delta": {
          const change = event.delta;
          const target = blocks.get(event.index);
          if (change.type === "text_delta" && change.text) return delta({ content: change.text });
          if (target?.kind === "reasoning") {
            if (!options.includeReasoning) return [];
            if (change.type === "thinking_delta" && change.thinking) return thinkingDelta(target.reasoningIndex, change.thinking);
            if (change.type === "signature_delta" && change.signature) {
              return delta({ reasoning_details: [reasoningTextDetail(target.reasoningIndex, { signature: change.signature })] });
            }
            return [];
          }
          if (change.type === "input_json_delta" && change.partial_json) {
            if (target?.kind === "json") return delta({ content: change.partial_json });
            if (target?.kind === "tool") {
              target.sentArguments = true;
              return toolDelta(target.toolIndex, { function: { arguments: change.partial_json } });
            }
          }
          // citations_delta and empty fragments carry nothing OpenAI's shape can hold.
          return [];
        }

        case "content_block_stop": {
          const target = blocks.get(event.index);
          // A tool called without arguments streams none; "{}" matches the non-streaming answer.
          if (target?.kind === "tool" && !target.sentArguments) return toolDelta(target.toolIndex, { function: { arguments: "{}" } });
          return [];
        }

        case "message_delta": {
          usage = mergeAnthropicUsage(usage, event.usage);
          const stopReason = event.delta.stop_reason;
          if (stopReason == null) return [];
          const finishReason = answeredByJsonTool && stopReason === "tool_use" ? "stop" : mapAnthropicFinishReason(stopReason);
          return [chunk([{ index: 0, delta: {}, finish_reason: finishReason }])];
        }

        case "message_stop":
          finished = true;
          return usage ? [chunk([], { usage: convertAnthropicUsage(usage) })] : [];

        case "ping":
          return [];
      }
    },
  };
}
