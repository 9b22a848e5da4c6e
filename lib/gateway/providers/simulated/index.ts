/**
 * The built-in simulated provider: a handful of fake models that answer
 * locally, so Switchyard works with no API keys and no network. It sits
 * behind the same ProviderAdapter seam as real providers, so nothing else in
 * the gateway treats it specially.
 *
 * Output is deterministic: the same model, messages, seed, tools and
 * response_format always give the same text, tool calls and usage. Token
 * counts come from the real o200k_base tokenizer.
 *
 * Sage Thinker reasons as OpenRouter's reasoning models do: a short thought
 * before each answer, returned as `reasoning` (streamed first as
 * `delta.reasoning`) and counted in `reasoning_tokens` and max_tokens.
 * `reasoning: { exclude: true }` hides it but still bills it;
 * `reasoning: { enabled: false }` turns it off.
 *
 * Fault injection, for tests and demos. Put a marker anywhere in the last
 * user message:
 * - `[fault:<status>]`, e.g. `[fault:429]`, `[fault:500]`, `[fault:503]`:
 *   the request fails with an UpstreamError of that upstream status (400-599)
 *   before any output; streaming requests reject before the stream opens. A
 *   429 carries a retry hint (`retryAfterSeconds`, also in the message).
 * - `[fault:midstream]`: a stream sends about half of its chunks, then throws
 *   an UpstreamError (upstream status 502); a non-streaming request fails with
 *   502 after its time to first token.
 * - `[fault:slow]`: every delay is ten times longer (still none at speed 0).
 * Markers combine (`[fault:slow] [fault:midstream]`) and never appear in the
 * generated answer.
 */
import type { ChatCompletion, ChatCompletionChunk } from "../../chat-types";
import type { CallOptions, ProviderAdapter, ProviderModel, UpstreamChatRequest } from "../provider";
import { buildChatCompletion } from "./build-chat-completion";
import { checkRequestSupport } from "./check-request-support";
import { countPromptTokens } from "./count-prompt-tokens";
import { createRandomFor } from "./create-random";
import { detectFaults, slowFaultFactor } from "./detect-faults";
import { planReply } from "./plan-reply";
import { planTiming } from "./plan-timing";
import { createFaultError, createMidstreamError, createRejectionError, simulatedProviderId } from "./simulated-error";
import { findSimulatedModel, simulatedModels } from "./simulated-models";
import { type ResponseIdentity, streamReply } from "./stream-reply";
import { wait } from "./wait";

export { simulatedModels } from "./simulated-models";

export interface SimulatedProviderOptions {
  /** Scales every delay: 0 = none at all (tests), 1 = like the real models. */
  speed: number;
}

/** A failing request answers after this share of the time to first token, as a real error would. */
const errorLatencyShare = 0.3;

export function createSimulatedProvider(options: SimulatedProviderOptions): ProviderAdapter {
  if (!Number.isFinite(options.speed) || options.speed < 0) {
    throw new RangeError(`Simulated provider speed must be a finite number >= 0, got ${options.speed}.`);
  }
  let responseCount = 0;

  /** Everything before the first byte: a failure here is a rejected promise, not a broken stream. */
  async function prepare(request: UpstreamChatRequest, signal: AbortSignal) {
    signal.throwIfAborted();
    const simulated = findSimulatedModel(request.model);
    if (!simulated) throw createRejectionError(404, `The model '${request.model}' does not exist.`, "model");
    const faults = detectFaults(request.messages);
    const delayMultiplier = options.speed * (faults.slow ? slowFaultFactor : 1);
    if (faults.failWithStatus !== undefined) {
      await wait(simulated.timeToFirstTokenMilliseconds * errorLatencyShare * delayMultiplier, signal);
      throw createFaultError(faults.failWithStatus);
    }
    const promptTokens = countPromptTokens(request);
    checkRequestSupport(simulated, request, promptTokens);
    const reply = planReply(simulated, request, promptTokens);
    const pace = planTiming(simulated, delayMultiplier, reply.seed);
    // Generation records are keyed by response id, so ids must be unique; the
    // first half comes from the request alone, so replays share a prefix in logs.
    responseCount++;
    const requestPart = createRandomFor(reply.seed, "response-id").string(12);
    const uniquePart = createRandomFor(reply.seed, `response-id:${Date.now()}:${responseCount}`).string(12);
    const identity: ResponseIdentity = {
      id: `chatcmpl-sim-${requestPart}${uniquePart}`,
      created: Math.floor(Date.now() / 1000),
      model: simulated.model.providerModelId,
    };
    return { reply, pace, identity, faults };
  }

  return {
    id: simulatedProviderId,
    name: "Simulated",

    async listModels(): Promise<ProviderModel[]> {
      return simulatedModels.map((entry) => structuredClone(entry.model));
    },

    async createChatCompletion(request: UpstreamChatRequest, { signal }: CallOptions): Promise<ChatCompletion> {
      const { reply, pace, identity, faults } = await prepare(request, signal);
      await wait(pace.beforeFirstToken(), signal);
      if (faults.breakMidstream) throw createMidstreamError();
      await wait(pace.forTokens(reply.completionTokens), signal);
      return buildChatCompletion(reply, identity);
    },

    async streamChatCompletion(request: UpstreamChatRequest, { signal }: CallOptions): Promise<AsyncIterable<ChatCompletionChunk>> {
      const { reply, pace, identity, faults } = await prepare(request, signal);
      return streamReply(reply, identity, { signal, pace, breakMidstream: faults.breakMidstream });
    },
  };
}
