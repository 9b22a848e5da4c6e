import type { Catalog, Endpoint } from "../catalog/create-catalog";
import type { ChatCompletion, ChatCompletionChunk } from "../chat-types";
import {
  GatewayError,
  InsufficientCreditsError,
  NoProviderAvailableError,
  RequestTimeoutError,
  UnknownModelError,
  UpstreamError,
  toGatewayError,
} from "../errors";
import { createGenerationId } from "../ids";
import type { UpstreamChatRequest } from "../providers/provider";
import type { FreeModelLimiter } from "../rate-limit/free-model-limiter";
import { selectEndpoints } from "../routing/select-endpoints";
import type { ChatCompletionRequest } from "../schema/chat-completion-request";
import type { Caller, GatewayStore } from "../store";
import { isFreePricing } from "../usage/compute-cost";
import { createSseStream } from "./create-sse-stream";
import { GenerationTracker, type GenerationOutcome } from "./generation-tracker";
import { toClientUsage } from "./to-client-usage";

export interface GatewayDependencies {
  catalog: Catalog;
  store: GatewayStore;
  freeLimiter: FreeModelLimiter;
  settings: {
    /** Milliseconds between keep-alive comments before the first token. */
    keepAliveMs: number;
    /** Milliseconds a provider may take to answer, or to send its first token when streaming. */
    upstreamTimeoutMs: number;
  };
  /** A monotonic clock in milliseconds. */
  now?: () => number;
}

export interface ChatCompletionInput {
  request: ChatCompletionRequest;
  caller: Caller;
  /** Aborted when the client disconnects. */
  signal?: AbortSignal;
}

export type ChatCompletionOutcome =
  | { type: "json"; generationId: string; body: Record<string, unknown> }
  | { type: "stream"; generationId: string; stream: ReadableStream<Uint8Array> };

/** Why the gateway aborted an upstream call; read back from the signal. */
class ClientGone extends Error {}
class UpstreamTimedOut extends Error {}

/** Fields that steer the gateway and mean nothing to a provider. */
const GATEWAY_FIELDS = ["models", "provider", "usage", "transforms", "route"] as const;

/**
 * The unified completion: choose an endpoint, check the caller may use it,
 * call the provider, and record and bill what happened, for JSON and SSE
 * alike. Everything the route handlers and the chatroom do goes through here.
 */
export async function createChatCompletion(dependencies: GatewayDependencies, input: ChatCompletionInput): Promise<ChatCompletionOutcome> {
  const now = dependencies.now ?? (() => performance.now());
  const startedAt = now();
  const { request, caller } = input;

  const endpoint = await chooseEndpoint(dependencies.catalog, request);
  await checkAccess(dependencies, caller, endpoint);

  const streamed = request.stream === true;
  const tracker = new GenerationTracker({ id: createGenerationId(), caller, request, endpoint, streamed, startedAt, now });
  const upstreamRequest = toUpstreamRequest(request, endpoint);

  const abortController = new AbortController();
  const onClientAbort = () => abortController.abort(new ClientGone("client disconnected"));
  if (input.signal?.aborted) onClientAbort();
  input.signal?.addEventListener("abort", onClientAbort, { once: true });
  const timeout = setTimeout(
    () => abortController.abort(new UpstreamTimedOut("upstream timed out")),
    dependencies.settings.upstreamTimeoutMs,
  );
  const callOptions = { signal: abortController.signal };

  const settle = async (outcome: GenerationOutcome) => {
    clearTimeout(timeout);
    input.signal?.removeEventListener("abort", onClientAbort);
    const finished = tracker.finish(outcome);
    await dependencies.store.recordGeneration(finished.record);
    return finished;
  };

  const failure = async (error: unknown): Promise<GatewayError> => {
    const reason: unknown = abortController.signal.reason;
    if (abortController.signal.aborted && reason instanceof ClientGone) {
      await settle({ status: "cancelled", httpStatus: 499, errorMessage: "Client closed the connection." }).catch(logRecordFailure);
      return new GatewayError(499, "invalid_request_error", "Client closed the connection.", { code: "client_closed" });
    }
    const gatewayError = toCallError(error, abortController.signal, endpoint);
    await settle({ status: "error", httpStatus: gatewayError.status, errorMessage: gatewayError.message }).catch(logRecordFailure);
    gatewayError.generationId = tracker.id;
    return gatewayError;
  };

  const present = (chunk: ChatCompletionChunk | ChatCompletion | Record<string, unknown>) => ({
    ...chunk,
    id: tracker.id,
    model: endpoint.model.id,
    provider: endpoint.provider.name,
  });

  if (!streamed) {
    let completion: ChatCompletion;
    try {
      completion = await endpoint.provider.createChatCompletion(upstreamRequest, callOptions);
    } catch (error) {
      throw await failure(error);
    }
    tracker.observeCompletion(completion);
    const finished = await settle({ status: "success", httpStatus: 200 });
    const { usage: _upstreamUsage, ...rest } = completion;
    return {
      type: "json",
      generationId: tracker.id,
      body: { ...present(rest), usage: toClientUsage(finished.record.usage, finished.cost) },
    };
  }

  let chunks: AsyncIterable<ChatCompletionChunk>;
  try {
    chunks = await endpoint.provider.streamChatCompletion(upstreamRequest, callOptions);
  } catch (error) {
    throw await failure(error);
  }

  const stream = createSseStream({
    chunks: clearingTimeoutOnFirstChunk(chunks, () => clearTimeout(timeout)),
    tracker,
    present,
    settle,
    abortUpstream: () => abortController.abort(new ClientGone("client disconnected")),
    toError: (error) => toCallError(error, abortController.signal, endpoint),
    clientSignal: input.signal,
    keepAliveMs: dependencies.settings.keepAliveMs,
  });
  return { type: "stream", generationId: tracker.id, stream };
}

async function chooseEndpoint(catalog: Catalog, request: ChatCompletionRequest): Promise<Endpoint> {
  const endpoints = await catalog.findEndpoints(request.model);
  if (endpoints.length === 0) throw new UnknownModelError(request.model);
  const selection = selectEndpoints(endpoints, request);
  const best = selection.candidates[0];
  if (best) return best;
  const reasons = selection.excluded.map(({ endpoint, reason }) => `${endpoint.provider.name} ${reason}`).join("; ");
  throw new NoProviderAvailableError(`No provider can serve '${request.model}' for this request: ${reasons}.`);
}

async function checkAccess(dependencies: GatewayDependencies, caller: Caller, endpoint: Endpoint): Promise<void> {
  if (isFreePricing(endpoint.model.pricing)) {
    dependencies.freeLimiter.take(caller.userId);
    return;
  }
  const balance = await dependencies.store.getBalanceMicros(caller.userId);
  if (balance <= 0n) throw new InsufficientCreditsError();
}

function toUpstreamRequest(request: ChatCompletionRequest, endpoint: Endpoint): UpstreamChatRequest {
  const upstream: Record<string, unknown> = { ...request, model: endpoint.model.providerModelId };
  for (const field of GATEWAY_FIELDS) delete upstream[field];
  return upstream as UpstreamChatRequest;
}

function toCallError(error: unknown, signal: AbortSignal, endpoint: Endpoint): GatewayError {
  if (signal.aborted && signal.reason instanceof UpstreamTimedOut) {
    return new RequestTimeoutError(`${endpoint.provider.name} did not answer in time.`);
  }
  if (error instanceof GatewayError) return error;
  console.error(`[gateway] ${endpoint.provider.id} failed unexpectedly:`, error);
  return toGatewayError(
    new UpstreamError(`${endpoint.provider.name} failed.`, { providerId: endpoint.provider.id, cause: error }),
  );
}

async function* clearingTimeoutOnFirstChunk(chunks: AsyncIterable<ChatCompletionChunk>, clear: () => void) {
  let first = true;
  for await (const chunk of chunks) {
    if (first) {
      first = false;
      clear();
    }
    yield chunk;
  }
}

function logRecordFailure(error: unknown) {
  console.error("[gateway] could not record a generation:", error);
}
