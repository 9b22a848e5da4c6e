import type { Catalog, Endpoint } from "../catalog/create-catalog";
import type { ChatCompletion, ChatCompletionChunk } from "../chat-types";
import { GatewayError, InsufficientCreditsError, NoMatchingEndpointError, NoProviderAvailableError, UnknownModelError } from "../errors";
import { createGenerationId } from "../ids";
import type { UpstreamChatRequest } from "../providers/provider";
import type { FreeModelLimiter } from "../rate-limit/free-model-limiter";
import { applyProviderPreferences, usedParameters } from "../routing/apply-provider-preferences";
import { AUTO_MODEL_IDS, chooseAutoModels } from "../routing/choose-auto-models";
import type { EndpointHealth } from "../routing/endpoint-health";
import { endpointKey } from "../routing/endpoint-key";
import { parseModelVariant } from "../routing/parse-model-variant";
import { selectEndpoints } from "../routing/select-endpoints";
import { orderCandidates } from "../routing/weight-by-price";
import { withOwnKeys, type OwnKeyProviders } from "../routing/with-own-keys";
import type { ChatCompletionRequest } from "../schema/chat-completion-request";
import type { Caller, CreditHold, GatewayStore, GenerationRecord } from "../store";
import { applyByokFee, isFreePricing } from "../usage/compute-cost";
import { maximumCostMicros } from "../usage/maximum-cost";
import { ClientGone, EndpointAttempts } from "./attempt-endpoints";
import { createSseStream } from "./create-sse-stream";
import { presentRawChunk } from "./present-raw-chunk";
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
    /** Milliseconds a stream may go without output after its first token (no limit when absent). */
    upstreamIdleTimeoutMs?: number;
  };
  /**
   * Callers' own provider keys (bring your own key): requests go to those
   * providers with the caller's key first and are billed `feePercent` of the
   * price. Absent, nobody's own keys are used.
   */
  ownKeys?: {
    providersFor(userId: string): Promise<OwnKeyProviders | null>;
    feePercent: number;
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
  /** Told how long routing (choosing endpoints, holding credits) and the upstream's first byte took; for Server-Timing. */
  timing?: PhaseTiming;
}

export interface PhaseTiming {
  /** Records `name` as lasting from `since` (a performance.now() reading) until now, and returns now. */
  measure(name: string, since?: number, description?: string): number;
}

export type ChatCompletionOutcome =
  | { type: "json"; generationId: string; body: Record<string, unknown> }
  | { type: "stream"; generationId: string; stream: ReadableStream<Uint8Array> };

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

  const generationId = createGenerationId();
  const routingStartedAt = performance.now();
  const { candidates, hold } = await reserve(dependencies, { caller, request, generationId }, await chooseEndpoints(dependencies, request, caller));
  const upstreamStartedAt = input.timing?.measure("routing", routingStartedAt) ?? 0;
  const first = candidates[0];
  if (!first) throw new InsufficientCreditsError();

  const streamed = request.stream === true;
  const tracker = new GenerationTracker({
    id: generationId,
    caller,
    request,
    endpoint: first,
    streamed,
    startedAt,
    now,
    byokFeePercent: dependencies.ownKeys?.feePercent,
  });
  const attempts = new EndpointAttempts({
    candidates,
    tracker,
    health: dependencies.health,
    timeoutMs: dependencies.settings.upstreamTimeoutMs,
    idleTimeoutMs: dependencies.settings.upstreamIdleTimeoutMs,
    clientSignal: input.signal,
    now,
  });

  const settle = async (outcome: GenerationOutcome) => {
    attempts.dispose();
    const finished = tracker.finish(outcome);
    noteHealth(dependencies.health, tracker.endpoint, finished.record);
    await dependencies.store.recordGeneration(finished.record, hold, () => tracker.loggedContent());
    return finished;
  };

  /** Records a generation that ended before any stream was handed out, and says why to the client. */
  const failure = async (error: unknown): Promise<GatewayError> => {
    if (attempts.clientGone) {
      await settle({ status: "cancelled", httpStatus: 499, errorMessage: "Client closed the connection." }).catch(logRecordFailure);
      return new GatewayError(499, "invalid_request_error", "Client closed the connection.", { code: "client_closed" });
    }
    const gatewayError = attempts.toClientError(error);
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

  if (!streamed) {
    const completion = await attempts
      .run((endpoint, signal) => endpoint.provider.createChatCompletion(toUpstreamRequest(request, endpoint), { signal }))
      .catch(async (error: unknown) => {
        throw await failure(error);
      });
    input.timing?.measure("upstream", upstreamStartedAt, "provider response");
    tracker.observeCompletion(completion);
    const finished = await settle({ status: "success", httpStatus: 200 });
    return {
      type: "json",
      generationId: tracker.id,
      body: { ...present(completion), usage: toClientUsage(finished.record.usage, finished.cost) },
    };
  }

  const open = (endpoint: Endpoint, signal: AbortSignal) => endpoint.provider.streamChatCompletion(toUpstreamRequest(request, endpoint), { signal });
  // Fallbacks on status errors happen here, so the client still gets the status code...
  const opened = await attempts.run(open).catch(async (error: unknown) => {
    throw await failure(error);
  });
  input.timing?.measure("upstream", upstreamStartedAt, "provider first byte");
  // ...and, once the response has started, inside the stream until the first output.
  const stream = createSseStream({
    chunks: attempts.committedChunks(opened, open),
    tracker,
    present,
    presentRaw: (chunk) => presentRawChunk(chunk, { id: tracker.id, model: tracker.endpoint.model.id, provider: tracker.endpoint.provider.name }),
    settle,
    abortUpstream: () => attempts.abort(new ClientGone("client disconnected")),
    toError: (error) => attempts.toClientError(error),
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
 * among healthy ones. Every exclusion keeps its reason for the error message:
 * a 503 when some endpoint is only out for a while, else a 404, since then
 * the request itself asks for what no endpoint has.
 */
async function chooseEndpoints(dependencies: GatewayDependencies, request: ChatCompletionRequest, caller: Caller): Promise<Endpoint[]> {
  const modelIds = await modelsToTry(dependencies.catalog, request);
  const ownKeys = (await dependencies.ownKeys?.providersFor(caller.userId)) ?? null;
  const requestedParameters = usedParameters(request);
  const candidates: Endpoint[] = [];
  const reasons: string[] = [];
  let known = false;
  let temporarilyOut = false;
  for (const modelId of modelIds) {
    const variant = parseModelVariant(modelId);
    const configured = await dependencies.catalog.findEndpoints(variant.catalogModel);
    const endpoints = ownKeys ? withOwnKeys(configured, variant.catalogModel, ownKeys) : configured;
    if (endpoints.length === 0) continue;
    known = true;
    const preferences = { ...request.provider, ...(variant.sort ? { sort: variant.sort } : {}) };
    const capable = selectEndpoints(endpoints, request);
    const preferred = applyProviderPreferences(capable.candidates, { preferences, requestedParameters, health: dependencies.health });
    for (const warning of preferred.warnings) console.warn(`[gateway] provider preferences: ${warning}`);
    const ordered = orderCandidates(preferred.candidates, { random: dependencies.random ?? Math.random, health: dependencies.health, preferences });
    // The caller's own keys go first, whatever the price order (OpenRouter's rule).
    candidates.push(...ordered.candidates.filter((endpoint) => endpoint.byok), ...ordered.candidates.filter((endpoint) => !endpoint.byok));
    const which = modelIds.length > 1 ? ` (${modelId})` : "";
    for (const { endpoint, reason, temporary } of [...capable.excluded, ...preferred.excluded, ...ordered.excluded]) {
      reasons.push(`${endpoint.provider.name}${which} ${reason}`);
      if (temporary) temporarilyOut = true;
    }
  }
  if (!known) throw new UnknownModelError(request.model);
  if (candidates.length === 0) {
    const message = `No provider can serve '${request.model}' for this request: ${reasons.join("; ")}.`;
    throw temporarilyOut ? new NoProviderAvailableError(message) : new NoMatchingEndpointError(message);
  }
  return candidates;
}

/**
 * The requested model, then the `models` fallbacks, in order. `switchyard/auto`
 * stands for the models chooseAutoModels picks for this request (unless a
 * provider serves a model of that name itself).
 */
async function modelsToTry(catalog: Catalog, request: ChatCompletionRequest): Promise<string[]> {
  let requested = [request.model];
  if (AUTO_MODEL_IDS.has(request.model) && (await catalog.findEndpoints(request.model)).length === 0) {
    const choice = chooseAutoModels(await catalog.listEndpoints(), request);
    if (choice.modelIds.length === 0 && !request.models?.length) {
      throw new NoMatchingEndpointError(`No configured model can serve this request for '${request.model}': none supports everything it uses.`);
    }
    requested = choice.modelIds;
  }
  return [...new Set([...requested, ...(request.models ?? [])])];
}

/**
 * The candidates the caller may use, and the credits held for them. A free
 * first choice counts once against the free-model limits (429 past them).
 * Paid candidates need a hold of the most the request can cost at the
 * dearest of them (less only when the request runs alone on what is left);
 * without that the request is refused with 402, unless it can be
 * served free, in which case only the free candidates are kept.
 *
 * Bound on overspending: see holdableMicros (../usage/holdable-micros).
 */
async function reserve(
  dependencies: GatewayDependencies,
  { caller, request, generationId }: { caller: Caller; request: ChatCompletionRequest; generationId: string },
  candidates: Endpoint[],
): Promise<{ candidates: Endpoint[]; hold: CreditHold | null }> {
  const first = candidates[0];
  if (!first) return { candidates, hold: null };
  const firstIsFree = isFreePricing(first.model.pricing);
  if (firstIsFree) await dependencies.freeLimiter.take(caller.userId);
  const paid = candidates.filter((endpoint) => !isFreePricing(endpoint.model.pricing));
  if (paid.length === 0) return { candidates, hold: null };
  const maxMicros = paid.reduce((most, endpoint) => {
    const listCost = maximumCostMicros(endpoint.model, request);
    const cost = endpoint.byok ? applyByokFee(listCost, dependencies.ownKeys?.feePercent ?? 0) : listCost;
    return cost > most ? cost : most;
  }, 0n);
  try {
    const hold = await dependencies.store.holdCredits({
      id: generationId,
      userId: caller.userId,
      apiKeyId: caller.apiKeyId,
      keyHasLimit: caller.keyHasLimit,
      maxMicros,
    });
    return { candidates, hold };
  } catch (error) {
    if (!(error instanceof InsufficientCreditsError) || !firstIsFree) throw error;
    return { candidates: candidates.filter((endpoint) => isFreePricing(endpoint.model.pricing)), hold: null };
  }
}

function toUpstreamRequest(request: ChatCompletionRequest, endpoint: Endpoint): UpstreamChatRequest {
  const upstream: Record<string, unknown> = { ...request, model: endpoint.model.providerModelId };
  for (const field of GATEWAY_FIELDS) delete upstream[field];
  return upstream as UpstreamChatRequest;
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
