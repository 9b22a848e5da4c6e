import type { ChatCompletionChunk } from "../../chat-types";
import type { Pace } from "./plan-timing";
import { type PlannedReply, usageOf } from "./plan-reply";
import { createMidstreamError } from "./simulated-error";
import { splitReplyIntoDeltas } from "./split-reply-into-deltas";
import { wait } from "./wait";

export interface ResponseIdentity {
  id: string;
  created: number;
  model: string;
}

export interface StreamSettings {
  signal: AbortSignal;
  pace: Pace;
  /** Send about half the reply, then fail as a dropped connection would. */
  breakMidstream: boolean;
}

/**
 * The reply as OpenAI streams it: reasoning, then content deltas, paced by the model's speed,
 * the finish reason on the last one, then a chunk with no choices and the
 * usage (what OpenAI sends with `stream_options.include_usage`; the gateway
 * always needs it for billing).
 *
 * Being a generator, it holds nothing between chunks: a consumer that stops
 * iterating simply lets it go (its `return()` runs no further code), and an
 * abort rejects the pending wait and clears its timer.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 */
export async function* streamReply(
  reply: PlannedReply,
  identity: ResponseIdentity,
  settings: StreamSettings,
): AsyncGenerator<ChatCompletionChunk, void, undefined> {
  const { signal, pace } = settings;
  const deltas = splitReplyIntoDeltas(reply);
  const deltasBeforeBreak = settings.breakMidstream ? Math.max(1, Math.floor(deltas.length / 2)) : deltas.length;
  const chunk = (choices: ChatCompletionChunk["choices"], extra: Partial<ChatCompletionChunk> = {}): ChatCompletionChunk => ({
    ...identity,
    object: "chat.completion.chunk",
    choices,
    ...extra,
  });

  // Reasoning the client excluded still takes its time before the first visible token.
  const hiddenReasoningTokens = reply.reasoning === null ? reply.reasoningTokens : 0;
  await wait(pace.beforeFirstToken() + pace.forTokens(hiddenReasoningTokens), signal);
  for (const [index, { delta, tokenCount }] of deltas.entries()) {
    if (index >= deltasBeforeBreak) throw createMidstreamError();
    // The first delta's time is part of the time to first token.
    if (index > 0) await wait(pace.forTokens(tokenCount), signal);
    signal.throwIfAborted();
    const isLast = index === deltas.length - 1 && !settings.breakMidstream;
    yield chunk([{ index: 0, delta, finish_reason: isLast ? reply.finishReason : null, logprobs: null }]);
  }
  if (settings.breakMidstream) throw createMidstreamError();
  signal.throwIfAborted();
  yield chunk([], { usage: usageOf(reply) });
}
