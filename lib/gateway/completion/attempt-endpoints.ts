import type { Endpoint } from "../catalog/create-catalog";
import type { ChatCompletionChunk } from "../chat-types";
import { GatewayError, RequestTimeoutError, UpstreamError, toGatewayError } from "../errors";
import type { EndpointHealth } from "../routing/endpoint-health";
import { endpointKey } from "../routing/endpoint-key";
import { chunkCarriesOutput, type GenerationTracker } from "./generation-tracker";

/** Why an attempt was aborted; read back from its signal. */
export class ClientGone extends Error {}
class UpstreamTimedOut extends Error {}
class UpstreamStalled extends Error {}

export interface AttemptOptions {
  /** Every endpoint that may serve the request, best first. */
  candidates: readonly Endpoint[];
  tracker: GenerationTracker;
  health?: EndpointHealth;
  /** Milliseconds an attempt may take to answer (JSON) or to send its first output (streams). */
  timeoutMs: number;
  /** Milliseconds a stream may go without output once it has started; none when absent. */
  idleTimeoutMs?: number;
  /** Aborted when the client disconnects. */
  clientSignal?: AbortSignal;
  now: () => number;
}

/**
 * The attempts of one generation, one endpoint after another. Each attempt
 * has its own abort signal and deadline, so a provider that hangs is given
 * up on without touching the next one. While the provider has sent no
 * output, a retryable failure (408, 409, 429, 5xx, connection error,
 * deadline, stream dropped) moves on to the next candidate; from the first
 * output on, the generation belongs to that provider and a failure is
 * reported, never retried, so a client never sees two providers' output
 * mixed. Failed attempts are recorded on the generation and not billed.
 */
export class EndpointAttempts {
  private index = 0;
  private controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attemptStartedAt = 0;
  private readonly onClientAbort = () => this.abort(new ClientGone("client disconnected"));

  constructor(private readonly options: AttemptOptions) {
    options.clientSignal?.addEventListener("abort", this.onClientAbort, { once: true });
  }

  /** The current attempt's signal. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get clientGone(): boolean {
    return this.options.clientSignal?.aborted === true || this.signal.reason instanceof ClientGone;
  }

  abort(reason: Error): void {
    this.controller.abort(reason);
  }

  /** Stops the current attempt's deadline: it has answered, or sent its first output. */
  stopDeadline(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Ends the attempts: no more deadlines, no more listening to the client. */
  dispose(): void {
    this.stopDeadline();
    this.options.clientSignal?.removeEventListener("abort", this.onClientAbort);
  }

  /**
   * Calls endpoints in turn until one accepts. Resolves with the first
   * success; rejects with the failure that ended the attempts (the client
   * left, the failure is not worth retrying, or no candidate is left).
   */
  async run<Result>(call: (endpoint: Endpoint, signal: AbortSignal) => Promise<Result>): Promise<Result> {
    const { tracker, health } = this.options;
    for (;;) {
      const next = this.options.candidates[this.index + 1];
      // A half-open endpoint takes one probe at a time; others wait for its verdict.
      if (next && health && !health.tryAcquire(endpointKey(tracker.endpoint))) {
        tracker.fallBack(next, { status: null, latencyMs: 0, error: "skipped: recovering after errors, one probe at a time" });
        this.index++;
        continue;
      }
      this.begin();
      try {
        return await call(tracker.endpoint, this.signal);
      } catch (error) {
        if (!this.fallBack(error)) throw error;
      }
    }
  }

  /**
   * The chunks the client gets: the current attempt's, held back until the
   * first one with output (a role-only opening chunk is not output), so an
   * attempt that fails before that is replaced by the next candidate's
   * stream without the client seeing anything of it.
   */
  async *committedChunks(
    first: AsyncIterable<ChatCompletionChunk>,
    open: (endpoint: Endpoint, signal: AbortSignal) => Promise<AsyncIterable<ChatCompletionChunk>>,
  ): AsyncGenerator<ChatCompletionChunk> {
    let chunks = first;
    for (;;) {
      const held: ChatCompletionChunk[] = [];
      let committed = false;
      try {
        for await (const chunk of chunks) {
          if (!committed) {
            held.push(chunk);
            if (!chunkCarriesOutput(chunk)) continue;
            committed = true;
            this.watchIdle();
            yield* held.splice(0);
            continue;
          }
          if (this.timer !== undefined && chunkCarriesOutput(chunk)) this.timer.refresh();
          yield chunk;
        }
      } catch (error) {
        if (committed || !this.fallBack(error)) throw error;
        chunks = await this.run(open);
        continue;
      }
      this.stopDeadline();
      // An answer without any output (an empty reply) is still the answer.
      yield* held;
      return;
    }
  }

  /** What the client is told when the attempts end in `error`. */
  toClientError(error: unknown): GatewayError {
    const endpoint = this.options.tracker.endpoint;
    if (this.signal.aborted && this.signal.reason instanceof UpstreamTimedOut) {
      return new RequestTimeoutError(`${endpoint.provider.name} did not answer in time.`);
    }
    if (this.signal.aborted && this.signal.reason instanceof UpstreamStalled) {
      const idleMs = this.options.idleTimeoutMs ?? 0;
      const idle = idleMs < 1000 ? `${idleMs} ms` : `${Math.round(idleMs / 1000)} s`;
      return new RequestTimeoutError(`${endpoint.provider.name} stopped sending output for ${idle}.`);
    }
    if (error instanceof GatewayError) return error;
    console.error(`[gateway] ${endpoint.provider.id} failed unexpectedly:`, error);
    return toGatewayError(new UpstreamError(`${endpoint.provider.name} failed.`, { providerId: endpoint.provider.id, cause: error }));
  }

  private begin(): void {
    this.stopDeadline();
    this.controller = new AbortController();
    this.attemptStartedAt = this.options.now();
    if (this.options.clientSignal?.aborted) this.onClientAbort();
    this.timer = setTimeout(() => this.abort(new UpstreamTimedOut("upstream timed out")), this.options.timeoutMs);
  }

  /**
   * Replaces the first-output deadline with the idle one: from now on each
   * chunk of output restarts it (refresh, not a new timer per chunk), so a
   * provider that stalls mid-stream, or trickles only keep-alives, ends the
   * stream instead of holding the client until the socket's own timeout.
   */
  private watchIdle(): void {
    this.stopDeadline();
    const idleTimeoutMs = this.options.idleTimeoutMs;
    if (idleTimeoutMs === undefined) return;
    this.timer = setTimeout(() => this.abort(new UpstreamStalled("upstream stalled")), idleTimeoutMs);
  }

  /**
   * Decides on a failed attempt: true after moving on to the next candidate,
   * false when the failure ends the generation. Teaches the health tracker
   * either way.
   */
  private fallBack(error: unknown): boolean {
    const { tracker, health, candidates } = this.options;
    this.stopDeadline();
    const key = endpointKey(tracker.endpoint);
    if (this.clientGone) {
      health?.release(key);
      return false;
    }
    const timedOut = this.signal.reason instanceof UpstreamTimedOut;
    const retryable = timedOut || (error instanceof UpstreamError && error.isRetryable && !this.signal.aborted);
    if (retryable) health?.recordFailure(key);
    else health?.release(key);
    const next = candidates[this.index + 1];
    if (!retryable || !next) return false;
    const failure = this.toClientError(error);
    const status = timedOut ? 408 : error instanceof UpstreamError ? (error.upstreamStatus ?? null) : null;
    console.warn(`[gateway] ${tracker.endpoint.provider.id} failed (${failure.message}); falling back to ${next.provider.id}`);
    tracker.fallBack(next, { status, latencyMs: Math.round(this.options.now() - this.attemptStartedAt), error: failure.message });
    this.index++;
    return true;
  }
}
