import type { ChatCompletionChunk } from "../chat-types";
import type { GatewayError } from "../errors";
import type { FinishedGeneration, GenerationOutcome, GenerationTracker } from "./generation-tracker";
import { toClientUsage } from "./to-client-usage";

const encoder = new TextEncoder();
const KEEP_ALIVE = encoder.encode(": SWITCHYARD PROCESSING\n\n");
const DONE = encoder.encode("data: [DONE]\n\n");

export interface SseStreamOptions {
  chunks: AsyncIterable<ChatCompletionChunk>;
  tracker: GenerationTracker;
  /** Rewrites an upstream chunk for the client (our id, model and provider; no upstream usage). */
  present: (chunk: ChatCompletionChunk) => Record<string, unknown>;
  /** The same as JSON text made from the provider's own, when the chunk allows it (see presentRawChunk); else undefined. */
  presentRaw?: (chunk: ChatCompletionChunk) => string | undefined;
  /** Persists the finished generation; called exactly once. */
  settle: (outcome: GenerationOutcome) => Promise<FinishedGeneration>;
  /** Aborts the upstream request because the client went away. */
  abortUpstream: () => void;
  /** Turns whatever broke the stream into the error the client is told. */
  toError: (error: unknown) => GatewayError;
  /** Aborted when the client disconnects (the request's signal). */
  clientSignal?: AbortSignal;
  keepAliveMs: number;
}

/**
 * The client's SSE stream: upstream deltas pass through as they arrive
 * (pull-driven, so a slow client slows the upstream read instead of filling
 * memory), comments keep the connection alive until the first token, the
 * usage chunk with cost always comes last, then [DONE]. A failure after the
 * stream started is sent as a `data:` event with an `error` object, and the
 * stream ends. Every way out settles the generation once.
 */
export function createSseStream(options: SseStreamOptions): ReadableStream<Uint8Array> {
  const { tracker } = options;
  const iterator = options.chunks[Symbol.asyncIterator]();
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  let clientGone = false;
  let lastChunk: ChatCompletionChunk | undefined;

  const stopKeepAlive = () => {
    if (keepAlive !== undefined) clearInterval(keepAlive);
    keepAlive = undefined;
  };

  let recordingCancellation: Promise<unknown> | undefined;
  /** Resolves once the cancelled generation is recorded, so a reader that cancels can wait for it. */
  const onClientGone = (): Promise<unknown> => {
    if (recordingCancellation) return recordingCancellation;
    if (tracker.isFinished) return Promise.resolve();
    clientGone = true;
    stopKeepAlive();
    options.abortUpstream();
    iterator.return?.()?.catch(() => undefined);
    recordingCancellation = options
      .settle({ status: "cancelled", httpStatus: 499, errorMessage: "Client closed the connection." })
      .catch(logSettleFailure);
    return recordingCancellation;
  };

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        options.clientSignal?.addEventListener("abort", () => void onClientGone(), { once: true });
        keepAlive = setInterval(() => {
          if (tracker.firstTokenAt !== null) stopKeepAlive();
          else controller.enqueue(KEEP_ALIVE);
        }, options.keepAliveMs);
      },

      async pull(controller) {
        try {
          // A pull must enqueue something or end the stream: the stream does
          // not ask again on its own, so held-back chunks loop here.
          for (;;) {
            const next = await iterator.next();
            if (clientGone) return;
            if (next.done) {
              stopKeepAlive();
              const finished = await options.settle({ status: "success", httpStatus: 200 });
              controller.enqueue(encodeEvent(finalUsageChunk(options, lastChunk, finished)));
              controller.enqueue(DONE);
              controller.close();
              return;
            }
            const chunk = next.value;
            tracker.observeChunk(chunk);
            lastChunk = chunk;
            if (tracker.firstTokenAt !== null) stopKeepAlive();
            // The usage-only chunk is held back: ours, with cost, closes the stream.
            if (chunk.choices.length === 0 && chunk.usage) continue;
            const text = options.presentRaw?.(chunk);
            controller.enqueue(text === undefined ? encodeEvent(options.present(chunk)) : encoder.encode(`data: ${text}\n\n`));
            return;
          }
        } catch (error) {
          stopKeepAlive();
          if (clientGone) return;
          const gatewayError = options.toError(error);
          await options
            .settle({ status: "error", httpStatus: gatewayError.status, errorMessage: gatewayError.message })
            .catch(logSettleFailure);
          controller.enqueue(encodeEvent(errorEvent(options, lastChunk, gatewayError)));
          controller.close();
        }
      },

      async cancel() {
        await onClientGone();
      },
    },
    { highWaterMark: 1 },
  );
}

function finalUsageChunk(options: SseStreamOptions, last: ChatCompletionChunk | undefined, finished: FinishedGeneration) {
  return { ...closingChunk(options, last, []), usage: toClientUsage(finished.record.usage, finished.cost) };
}

function errorEvent(options: SseStreamOptions, last: ChatCompletionChunk | undefined, error: GatewayError) {
  const choices: ChatCompletionChunk["choices"] = [{ index: 0, delta: { content: "" }, finish_reason: "error" }];
  return {
    ...closingChunk(options, last, choices),
    error: { message: error.message, type: error.type, code: error.status, param: error.param },
  };
}

/** A chunk of the gateway's own that ends the stream, shaped like the ones before it. */
function closingChunk(options: SseStreamOptions, last: ChatCompletionChunk | undefined, choices: ChatCompletionChunk["choices"]) {
  return options.present({
    id: last?.id ?? "",
    object: "chat.completion.chunk",
    created: last?.created ?? Math.floor(Date.now() / 1000),
    model: last?.model ?? "",
    choices,
  });
}

function encodeEvent(payload: unknown): Uint8Array {
  return encoder.encode(`data: ${JSON.stringify(payload)}\n\n`);
}

function logSettleFailure(error: unknown) {
  console.error("[gateway] could not record a generation:", error);
}
