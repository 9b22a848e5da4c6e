import type { ChatCompletionChunk } from "../../chat-types";
import type { ClientUsage } from "../../completion/to-client-usage";
import { parseSseStream } from "../../sse/parse-sse-stream";
import { readerChunks } from "../../sse/reader-chunks";
import { anthropicErrorBody } from "./anthropic-error-response";
import type { ReasoningDetail } from "./convert-completion-to-message";
import { toAnthropicStopReason, toAnthropicUsage } from "./to-anthropic-stop-reason";

const encoder = new TextEncoder();

type Block = { kind: "thinking" | "text" } | { kind: "tool"; toolIndex: number };
type Emit = (type: string, payload: Record<string, unknown>) => void;

/**
 * The gateway's OpenAI stream (the same bytes /chat/completions sends) read
 * back and told as Anthropic's event stream: message_start, one content
 * block per thinking run, text run and tool call (with input_json_delta),
 * message_delta with the stop reason and usage, message_stop. A failure in
 * the middle becomes an `error` event. Cancelling this stream cancels the
 * gateway's, which aborts the provider and records what was used.
 * @see https://docs.claude.com/en/docs/build-with-claude/streaming
 */
export function createAnthropicEventStream(source: ReadableStream<Uint8Array>, message: { id: string; model: string }): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  const events = parseSseStream(readerChunks(reader))[Symbol.asyncIterator]();
  let open: Block | undefined;
  let blockCount = 0;
  let finishReason: string | null = null;
  let usage: ClientUsage | undefined;

  return new ReadableStream<Uint8Array>({
    start(controller) {
      encodeTo(controller)("message_start", {
        message: {
          id: message.id,
          type: "message",
          role: "assistant",
          model: message.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 0, output_tokens: 0 },
        },
      });
    },

    async pull(controller) {
      const emit = encodeTo(controller);
      let emitted = false;
      const counting: Emit = (type, payload) => {
        emitted = true;
        emit(type, payload);
      };
      // Pull until something is sent or the stream ends: the stream does not ask twice on its own.
      while (!emitted) {
        const next = await events.next();
        if (next.done || next.value.data === "[DONE]") {
          closeBlock(counting);
          counting("message_delta", { delta: { stop_reason: toAnthropicStopReason(finishReason), stop_sequence: null }, usage: toAnthropicUsage(usage ?? {}) });
          counting("message_stop", {});
          controller.close();
          return;
        }
        const chunk = JSON.parse(next.value.data) as ChatCompletionChunk & { error?: { message?: string; code?: number } };
        if (chunk.error) {
          const status = typeof chunk.error.code === "number" ? chunk.error.code : 502;
          counting("error", anthropicErrorBody(status, chunk.error.message ?? "The stream broke."));
          controller.close();
          return;
        }
        if (chunk.usage) usage = chunk.usage as unknown as ClientUsage;
        for (const choice of chunk.choices) {
          if (choice.finish_reason) finishReason = choice.finish_reason;
          const delta = choice.delta;
          if (!delta) continue;
          if (delta.reasoning) {
            ensureBlock({ kind: "thinking" }, counting, { type: "thinking", thinking: "" });
            counting("content_block_delta", { index: blockCount - 1, delta: { type: "thinking_delta", thinking: delta.reasoning } });
          }
          for (const detail of (delta.reasoning_details as ReasoningDetail[] | undefined) ?? []) {
            if (detail.type === "reasoning.text" && detail.signature) {
              ensureBlock({ kind: "thinking" }, counting, { type: "thinking", thinking: "" });
              counting("content_block_delta", { index: blockCount - 1, delta: { type: "signature_delta", signature: detail.signature } });
            } else if (detail.type === "reasoning.encrypted" && detail.data) {
              closeBlock(counting);
              counting("content_block_start", { index: blockCount++, content_block: { type: "redacted_thinking", data: detail.data } });
              counting("content_block_stop", { index: blockCount - 1 });
            }
          }
          if (delta.content) {
            ensureBlock({ kind: "text" }, counting, { type: "text", text: "" });
            counting("content_block_delta", { index: blockCount - 1, delta: { type: "text_delta", text: delta.content } });
          }
          for (const call of delta.tool_calls ?? []) {
            const starts = open?.kind !== "tool" || open.toolIndex !== call.index;
            if (starts) {
              closeBlock(counting);
              open = { kind: "tool", toolIndex: call.index };
              counting("content_block_start", {
                index: blockCount++,
                content_block: { type: "tool_use", id: call.id ?? `toolu_${call.index}`, name: call.function?.name ?? "", input: {} },
              });
            }
            const fragment = call.function?.arguments;
            if (fragment) counting("content_block_delta", { index: blockCount - 1, delta: { type: "input_json_delta", partial_json: fragment } });
          }
        }
      }
    },

    cancel() {
      return reader.cancel();
    },
  });

  function ensureBlock(block: Block, emit: Emit, contentBlock: Record<string, unknown>) {
    if (open?.kind === block.kind) return;
    closeBlock(emit);
    open = block;
    emit("content_block_start", { index: blockCount++, content_block: contentBlock });
  }

  function closeBlock(emit: Emit) {
    if (!open) return;
    emit("content_block_stop", { index: blockCount - 1 });
    open = undefined;
  }
}

function encodeTo(controller: ReadableStreamDefaultController<Uint8Array>): Emit {
  return (type, payload) => controller.enqueue(encoder.encode(`event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`));
}
