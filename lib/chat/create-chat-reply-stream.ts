import { createUIMessageStream, type UIMessageChunk } from "ai";
import type { ChatCompletionChunk, ToolCallDelta } from "../gateway/chat-types";
import { createChatCompletion, type GatewayDependencies } from "../gateway/completion/create-chat-completion";
import { GatewayError, toGatewayError } from "../gateway/errors";
import type { ChatCompletionRequest } from "../gateway/schema/chat-completion-request";
import { parseSseStream } from "../gateway/sse/parse-sse-stream";
import { readerChunks } from "../gateway/sse/reader-chunks";
import type { Caller, GatewayStore } from "../gateway/store";
import type { ChatMessageMetadata, ChatUIMessage } from "./chat-contract";
import { describeChatError } from "./describe-chat-error";
import { toReplyMetadata } from "./reply-metadata";

type Part = Record<string, unknown> & { type: string };

export interface SavedReply {
  id: string;
  parts: Part[];
  status: "complete" | "stopped" | "error";
  error?: string;
  generationId?: string;
}

export interface ChatReplyOptions {
  dependencies: GatewayDependencies;
  store: GatewayStore;
  caller: Caller;
  model: string;
  request: ChatCompletionRequest;
  /** The browser's request: aborted when the user stops the reply or leaves. */
  signal: AbortSignal;
  messageId: string;
  /** Persists the reply however it ended. */
  save: (reply: SavedReply) => Promise<void>;
}

/**
 * One column's reply for the chatroom, as an AI SDK UI message stream. The
 * completion goes through the same gateway core as /api/v1 (same routing,
 * billing and records); its SSE is read back and turned into text, reasoning
 * and tool parts. When the reply ends, its stats come from the generation as
 * recorded, so what the room shows is what was billed. Errors become message
 * metadata and an error chunk in words a person understands.
 */
export function createChatReplyStream(options: ChatReplyOptions): ReadableStream<UIMessageChunk> {
  // The saved message refers to its generation, which the store may still hold in its next batch.
  const save = async (reply: SavedReply) => {
    if (reply.generationId) await options.store.flush();
    await options.save(reply);
  };
  return createUIMessageStream<ChatUIMessage>({
    onError: (error) => (error instanceof Error ? error.message : "Something went wrong."),
    execute: async ({ writer }) => {
      const emit = (chunk: UIMessageChunk<ChatMessageMetadata>) => {
        // The browser may be gone (Stop); what it no longer reads is still saved.
        try {
          writer.write(chunk);
        } catch {
          // ignored: the stream was closed by the reader
        }
      };
      const fail = async (message: string, reply: Omit<SavedReply, "id" | "status" | "error">) => {
        emit({ type: "message-metadata", messageMetadata: { status: "error", errorMessage: message, model: options.model } });
        emit({ type: "error", errorText: message });
        await save({ id: options.messageId, status: "error", error: message, ...reply });
      };

      emit({ type: "start", messageId: options.messageId, messageMetadata: { model: options.model, createdAt: new Date().toISOString() } });

      let outcome;
      try {
        outcome = await createChatCompletion(options.dependencies, { request: options.request, caller: options.caller, signal: options.signal });
      } catch (error) {
        const gatewayError = toGatewayError(error);
        await fail(describeChatError(gatewayError, options.model), { parts: [], generationId: gatewayError.generationId });
        return;
      }
      if (outcome.type !== "stream") throw new Error("the chatroom asks for streams");

      const reader = outcome.stream.getReader();
      let cancelling: Promise<void> | undefined;
      const onAbort = () => {
        cancelling = reader.cancel().catch(() => undefined);
      };
      if (options.signal.aborted) onAbort();
      else options.signal.addEventListener("abort", onAbort, { once: true });

      const reply = new ReplyBuilder(emit);
      let midStreamError: string | undefined;
      for await (const event of parseSseStream(readerChunks(reader))) {
        if (event.data === "[DONE]") break;
        const chunk = JSON.parse(event.data) as ChatCompletionChunk & { error?: { message?: string; code?: number } };
        if (chunk.error) {
          const status = typeof chunk.error.code === "number" ? chunk.error.code : 502;
          midStreamError = describeChatError(new GatewayError(status, "upstream_error", chunk.error.message ?? "The stream broke."), options.model);
          break;
        }
        reply.add(chunk);
      }
      options.signal.removeEventListener("abort", onAbort);
      reply.end();

      if (midStreamError) {
        await fail(midStreamError, { parts: reply.parts(), generationId: outcome.generationId });
        return;
      }
      if (cancelling || options.signal.aborted) {
        // The gateway records the cancelled generation before the cancel settles.
        await cancelling;
        await save({ id: options.messageId, parts: reply.parts(), status: "stopped", generationId: outcome.generationId });
        return;
      }
      const record = await options.store.findGeneration({ id: outcome.generationId, userId: options.caller.userId });
      const metadata: ChatMessageMetadata = { status: "complete", ...(record ? toReplyMetadata({ ...record, ...record.usage }) : { generationId: outcome.generationId }) };
      emit({ type: "message-metadata", messageMetadata: metadata });
      emit({ type: "finish" });
      await save({ id: options.messageId, parts: reply.parts(), status: "complete", generationId: outcome.generationId });
    },
  });
}


/**
 * Turns OpenAI deltas into UI chunks as they arrive, and keeps the parts to
 * save: one text part, one reasoning part, one part per tool call.
 */
class ReplyBuilder {
  private text = "";
  private reasoning = "";
  private textOpen = false;
  private reasoningOpen = false;
  private readonly toolCalls = new Map<number, { id: string; name: string; arguments: string }>();

  constructor(private readonly emit: (chunk: UIMessageChunk<ChatMessageMetadata>) => void) {}

  add(chunk: ChatCompletionChunk): void {
    for (const choice of chunk.choices) {
      const delta = choice.delta;
      if (!delta) continue;
      if (delta.reasoning) {
        if (!this.reasoningOpen) this.emit({ type: "reasoning-start", id: "reasoning" });
        this.reasoningOpen = true;
        this.reasoning += delta.reasoning;
        this.emit({ type: "reasoning-delta", id: "reasoning", delta: delta.reasoning });
      }
      if (delta.content) {
        if (this.reasoningOpen) this.closeReasoning();
        if (!this.textOpen) this.emit({ type: "text-start", id: "text" });
        this.textOpen = true;
        this.text += delta.content;
        this.emit({ type: "text-delta", id: "text", delta: delta.content });
      }
      for (const call of delta.tool_calls ?? []) this.addToolCall(call);
    }
  }

  private addToolCall(call: ToolCallDelta): void {
    let known = this.toolCalls.get(call.index);
    if (!known) {
      known = { id: call.id ?? `call-${call.index}`, name: call.function?.name ?? "tool", arguments: "" };
      this.toolCalls.set(call.index, known);
      this.emit({ type: "tool-input-start", toolCallId: known.id, toolName: known.name, dynamic: true });
    }
    const fragment = call.function?.arguments ?? "";
    if (fragment) {
      known.arguments += fragment;
      this.emit({ type: "tool-input-delta", toolCallId: known.id, inputTextDelta: fragment });
    }
  }

  private closeReasoning(): void {
    this.emit({ type: "reasoning-end", id: "reasoning" });
    this.reasoningOpen = false;
  }

  end(): void {
    if (this.reasoningOpen) this.closeReasoning();
    if (this.textOpen) this.emit({ type: "text-end", id: "text" });
    this.textOpen = false;
    for (const call of this.toolCalls.values()) {
      this.emit({ type: "tool-input-available", toolCallId: call.id, toolName: call.name, input: parseArguments(call.arguments), dynamic: true });
    }
  }

  parts(): Part[] {
    const parts: Part[] = [];
    if (this.reasoning) parts.push({ type: "reasoning", text: this.reasoning, state: "done" });
    if (this.text) parts.push({ type: "text", text: this.text, state: "done" });
    for (const call of this.toolCalls.values()) {
      parts.push({ type: "dynamic-tool", toolName: call.name, toolCallId: call.id, state: "input-available", input: parseArguments(call.arguments) });
    }
    return parts;
  }
}

function parseArguments(text: string): unknown {
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { raw: text };
  }
}
