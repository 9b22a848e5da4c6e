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
import { applyProviderPreferences, usedParameters } from "../routing/apply-provider-preferences";
import type { EndpointHealth } from "../routing/endpoint-health";
import { endpointKey } from "../routing/endpoint-key";
import { parseModelVariant } from "../routing/parse-model-variant";
import { selectEndpoints } from "../routing/select-endpoints";
import { orderCandidates } from "../routing/weight-by-price";
import type { ChatCompletionRequest } from "../schema/chat-completion-request";
import type { Caller, GatewayStore, GenerationRecord } from "../store";
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
  /** Endpoint health: the router avoids failing endpoints and learns from every attempt. */
  health?: EndpointHealth;
  /** Uniform in [0, 1), for the price-weighted draw; injected so tests can seed it. */
  random?: () => number;
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

  const candidates = await affordable(dependencies, caller, await chooseEndpoints(dependencies, request));
  const first = candidates[0];
  if (!first) throw new InsufficientCreditsError();

  const streamed = request.stream === true;
  const tracker = new GenerationTracker({ id: createGenerationId(), caller, request, endpoint: first, streamed, startedAt, now });

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
    noteHealth(dependencies.health, tracker.endpoint, finished.record);
    await dependencies.store.recordGeneration(finished.record);
    return finished;
  };

  const failure = async (error: unknown): Promise<GatewayError> => {
    const reason: unknown = abortController.signal.reason;
    if (abortController.signal.aborted && reason instanceof ClientGone) {
      await settle({ status: "cancelled", httpStatus: 499, errorMessage: "Client closed the connection." }).catch(logRecordFailure);
      return new GatewayError(499, "invalid_request_error", "Client closed the connection.", { code: "client_closed" });
    }
    const gatewayError = toCallError(error, abortController.signal, tracker.endpoint);
    await settle({ status: "error", httpStatus: gatewayError.status, errorMessage: gatewayError.message }).catch(logRecordFailure);
    gatewayError.generationId = tracker.id;
    return gatewayError;
  };

  /**
   * The client's view of an upstream chunk or completion: our id, model and
   * provider. The upstream's usage is dropped; ours, with cost, replaces it
   * (on the completion, and on the stream's last chunk).
   */
  const present = (chunk: ChatCompletionChunk | ChatCompletion | Record<string, unknown>) => ({
    ...chunk,
    id: tracker.id,
    model: tracker.endpoint.model.id,
    provider: tracker.endpoint.provider.name,
    usage: undefined,
  });

  /**
   * Calls the current endpoint; while the provider has sent nothing, a
   * retryable failure moves on to the next candidate, so the client never
   * sees two providers' output mixed. The failed attempts are recorded on
   * the generation; none of them is billed.
   */
  const attempt = async <Result>(call: (endpoint: Endpoint) => Promise<Result>): Promise<Result> => {
    for (let index = 0; ; index++) {
      const attemptStartedAt = now();
      const next = candidates[index + 1];
      const key = endpointKey(tracker.endpoint);
      // A half-open endpoint takes one probe at a time; others wait for its verdict.
      if (next && dependencies.health && !dependencies.health.tryAcquire(key)) {
        tracker.fallBack(next, { status: null, latencyMs: 0, error: "skipped: recovering after errors, one probe at a time" });
        continue;
      }
      try {
        return await call(tracker.endpoint);
      } catch (error) {
        const retryable = error instanceof UpstreamError && error.isRetryable && !abortController.signal.aborted;
        if (retryable) dependencies.health?.recordFailure(key);
        else dependencies.health?.release(key);
        if (!next || !retryable) throw await failure(error);
        console.warn(`[gateway] ${tracker.endpoint.provider.id} failed (${error.message}); falling back to ${next.provider.id}`);
        tracker.fallBack(next, { status: error.upstreamStatus ?? null, latencyMs: Math.round(now() - attemptStartedAt), error: error.message });
      }
    }
  };

  if (!streamed) {
    const completion = await attempt((endpoint) => endpoint.provider.createChatCompletion(toUpstreamRequest(request, endpoint), callOptions));
    tracker.observeCompletion(completion);
    const finished = await settle({ status: "success", httpStatus: 200 });
    return {
      type: "json",
      generationId: tracker.id,
      body: { ...present(completion), usage: toClientUsage(finished.record.usage, finished.cost) },
    };
  }

  const chunks = await attempt((endpoint) => endpoint.provider.streamChatCompletion(toUpstreamRequest(request, endpoint), callOptions));

  const stream = createSseStream({
    chunks: clearingTimeoutOnFirstChunk(chunks, () => clearTimeout(timeout)),
    tracker,
    present,
    settle,
    abortUpstream: () => abortController.abort(new ClientGone("client disconnected")),
    toError: (error) => toCallError(error, abortController.signal, tracker.endpoint),
    clientSignal: input.signal,
    keepAliveMs: dependencies.settings.keepAliveMs,
  });
  return { type: "stream", generationId: tracker.id, stream };
}

/**
 * Every endpoint that can serve the request, best first: for the requested
 * model, then each model of the `models` fallbacks in order, the endpoints
 * that support what the request uses, filtered and ordered by the request's
 * provider preferences and variant (:nitro, :floor), then drawn by price
 * among healthy ones. Every exclusion keeps its reason for the 503 message.
 */
async function chooseEndpoints(dependencies: GatewayDependencies, request: ChatCompletionRequest): Promise<Endpoint[]> {
  const modelIds = [request.model, ...(request.models ?? []).filter((id) => id !== request.model)];
  const requestedParameters = usedParameters(request);
  const candidates: Endpoint[] = [];
  const reasons: string[] = [];
  let known = false;
  for (const modelId of modelIds) {
    const variant = parseModelVariant(modelId);
    const endpoints = await dependencies.catalog.findEndpoints(variant.catalogModel);
    if (endpoints.length === 0) continue;
    known = true;
    const preferences = { ...request.provider, ...(variant.sort ? { sort: variant.sort } : {}) };
    const capable = selectEndpoints(endpoints, request);
    const preferred = applyProviderPreferences(capable.candidates, { preferences, requestedParameters, health: dependencies.health });
    for (const warning of preferred.warnings) console.warn(`[gateway] provider preferences: ${warning}`);
    const ordered = orderCandidates(preferred.candidates, { random: dependencies.random ?? Math.random, health: dependencies.health, preferences });
    candidates.push(...ordered.candidates);
    for (const { endpoint, reason } of [...capable.excluded, ...preferred.excluded, ...ordered.excluded]) {
      reasons.push(`${endpoint.provider.name} ${reason}`);
    }
  }
  if (!known) throw new UnknownModelError(request.model);
  if (candidates.length === 0) throw new NoProviderAvailableError(`No provider can serve '${request.model}' for this request: ${reasons.join("; ")}.`);
  return candidates;
}

/**
 * The candidates the caller may use: free ones within the free-model limit
 * (counted once per request), paid ones only with a positive balance.
 * Refuses with 429 or 402 when the first choice is not allowed.
 */
async function affordable(dependencies: GatewayDependencies, caller: Caller, candidates: Endpoint[]): Promise<Endpoint[]> {
  const first = candidates[0];
  if (!first) return [];
  if (isFreePricing(first.model.pricing)) dependencies.freeLimiter.take(caller.userId);
  if (candidates.every((endpoint) => isFreePricing(endpoint.model.pricing))) return candidates;
  const balance = await dependencies.store.getBalanceMicros(caller.userId);
  if (balance > 0n) return candidates;
  if (!isFreePricing(first.model.pricing)) throw new InsufficientCreditsError();
  return candidates.filter((endpoint) => isFreePricing(endpoint.model.pricing));
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

/** What the router learns from a finished generation: speed on success; the verdict either way. */
function noteHealth(health: EndpointHealth | undefined, endpoint: Endpoint, record: GenerationRecord): void {
  if (!health) return;
  const key = endpointKey(endpoint);
  if (record.status === "success") {
    const streamingMs = record.timeToFirstTokenMs === null ? 0 : record.latencyMs - record.timeToFirstTokenMs;
    health.recordSuccess(key, {
      timeToFirstTokenMs: record.timeToFirstTokenMs ?? undefined,
      tokensPerSecond: streamingMs > 0 ? (record.usage.completionTokens / streamingMs) * 1000 : undefined,
    });
  } else if (record.status === "error" && record.httpStatus !== null && record.httpStatus >= 500) {
    health.recordFailure(key);
  } else {
    health.release(key);
  }
}
