/**
 * Tracks how each endpoint has been doing and keeps a circuit breaker per
 * endpoint, so the router stops sending traffic to one that is failing and
 * tries it again, one request at a time, once a cooldown has passed:
 *
 *   closed --(N failures in a row, or error rate above X% over >= M requests)--> open
 *   open --(cooldown elapsed)--> half-open
 *   half-open --(probe succeeds)--> closed
 *   half-open --(probe fails)--> open, with a longer cooldown (capped)
 *
 * Keys are endpoint keys (see ./endpoint-key). State is in memory.
 */

export type BreakerState = "closed" | "open" | "half-open";

export interface EndpointHealthOptions {
  now?: () => number;
  /** Failures in a row that open the breaker. */
  consecutiveFailureLimit?: number;
  /** Error rate (0-1) over the window above which the breaker opens... */
  errorRateLimit?: number;
  /** ...once the window holds at least this many requests. */
  minimumRequests?: number;
  /** Span of the error rate and uptime figures, in milliseconds. */
  windowMs?: number;
  /** Most outcomes kept per endpoint, so a busy endpoint's memory is bounded. */
  maximumSamples?: number;
  /** First cooldown after opening, in milliseconds. */
  cooldownMs?: number;
  /** Each failed probe multiplies the cooldown by this, up to maximumCooldownMs. */
  cooldownGrowth?: number;
  maximumCooldownMs?: number;
  /** A failure this recent counts as a recent outage for load balancing. */
  recentOutageMs?: number;
  /** Weight of the newest sample in the moving averages (0-1). */
  smoothing?: number;
}

export interface SuccessMetrics {
  timeToFirstTokenMs?: number;
  /** Completion tokens per second after the first token. */
  tokensPerSecond?: number;
}

export interface EndpointStats {
  key: string;
  state: BreakerState;
  /** When an open breaker allows a probe; null unless open. */
  cooldownUntil: number | null;
  consecutiveFailures: number;
  /** Requests and failures in the window. */
  requests: number;
  failures: number;
  /** failures / requests in the window; null with no requests. */
  errorRate: number | null;
  /** Share (0-1) of the window, since first seen, that the breaker was closed. */
  uptime: number;
  /** Moving averages; null until a success reported them. */
  timeToFirstTokenMs: number | null;
  tokensPerSecond: number | null;
  lastFailureAt: number | null;
  probeInFlight: boolean;
}

/** What routing reads. */
export interface EndpointHealthReader {
  /** Whether a request may be sent now (closed, or half-open with no probe out). */
  canAttempt(key: string): boolean;
  /** Whether the endpoint failed within `recentOutageMs`. */
  hadRecentOutage(key: string): boolean;
  stats(key: string): EndpointStats | undefined;
}

export interface EndpointHealth extends EndpointHealthReader {
  /**
   * Call before sending. False when the breaker refuses; in half-open, a true
   * answer claims the single probe slot, which the next record call frees.
   */
  tryAcquire(key: string): boolean;
  recordSuccess(key: string, metrics?: SuccessMetrics): void;
  recordFailure(key: string): void;
  /** Frees a probe slot whose request ended without a verdict (client left). */
  release(key: string): void;
  /** Every endpoint seen, for the /endpoints page. */
  snapshot(): EndpointStats[];
}

interface Outcome {
  at: number;
  failed: boolean;
}

interface Entry {
  key: string;
  state: BreakerState;
  firstSeenAt: number;
  cooldownUntil: number;
  cooldownMs: number;
  consecutiveFailures: number;
  outcomes: Outcome[];
  /** Periods the breaker was not closed; the last one may still be running (end null). */
  downtime: Array<{ start: number; end: number | null }>;
  timeToFirstTokenMs: number | null;
  tokensPerSecond: number | null;
  lastFailureAt: number | null;
  probeInFlight: boolean;
}

export function createEndpointHealth(options: EndpointHealthOptions = {}): EndpointHealth {
  const now = options.now ?? Date.now;
  const consecutiveFailureLimit = options.consecutiveFailureLimit ?? 5;
  const errorRateLimit = options.errorRateLimit ?? 0.5;
  const minimumRequests = options.minimumRequests ?? 10;
  const windowMs = options.windowMs ?? 5 * 60_000;
  const maximumSamples = options.maximumSamples ?? 1000;
  const baseCooldownMs = options.cooldownMs ?? 30_000;
  const cooldownGrowth = options.cooldownGrowth ?? 2;
  const maximumCooldownMs = options.maximumCooldownMs ?? 10 * 60_000;
  const recentOutageMs = options.recentOutageMs ?? 30_000;
  const smoothing = options.smoothing ?? 0.2;
  const entries = new Map<string, Entry>();

  function entryFor(key: string): Entry {
    let entry = entries.get(key);
    if (!entry) {
      entry = {
        key,
        state: "closed",
        firstSeenAt: now(),
        cooldownUntil: 0,
        cooldownMs: baseCooldownMs,
        consecutiveFailures: 0,
        outcomes: [],
        downtime: [],
        timeToFirstTokenMs: null,
        tokensPerSecond: null,
        lastFailureAt: null,
        probeInFlight: false,
      };
      entries.set(key, entry);
    }
    return entry;
  }

  /** Applies the passage of time: expired cooldowns and samples. */
  function refresh(entry: Entry): void {
    const time = now();
    if (entry.state === "open" && time >= entry.cooldownUntil) entry.state = "half-open";
    const windowStart = time - windowMs;
    const firstKept = entry.outcomes.findIndex((outcome) => outcome.at >= windowStart);
    if (firstKept === -1) entry.outcomes = [];
    else if (firstKept > 0) entry.outcomes = entry.outcomes.slice(firstKept);
    entry.downtime = entry.downtime.filter((period) => period.end === null || period.end >= windowStart);
  }

  function open(entry: Entry, cooldownMs: number): void {
    const time = now();
    if (entry.state === "closed") entry.downtime.push({ start: time, end: null });
    entry.state = "open";
    entry.cooldownMs = cooldownMs;
    entry.cooldownUntil = time + cooldownMs;
    entry.probeInFlight = false;
  }

  function close(entry: Entry): void {
    const running = entry.downtime.at(-1);
    if (running && running.end === null) running.end = now();
    entry.state = "closed";
    entry.cooldownMs = baseCooldownMs;
    entry.cooldownUntil = 0;
    entry.consecutiveFailures = 0;
    entry.probeInFlight = false;
    // The failures that opened the breaker must not reopen it on the next error.
    entry.outcomes = [];
  }

  function addOutcome(entry: Entry, failed: boolean): void {
    entry.outcomes.push({ at: now(), failed });
    if (entry.outcomes.length > maximumSamples) entry.outcomes.splice(0, entry.outcomes.length - maximumSamples);
  }

  function average(previous: number | null, sample: number | undefined): number | null {
    if (sample === undefined || !Number.isFinite(sample) || sample < 0) return previous;
    return previous === null ? sample : previous + smoothing * (sample - previous);
  }

  function canAttempt(entry: Entry): boolean {
    refresh(entry);
    if (entry.state === "closed") return true;
    return entry.state === "half-open" && !entry.probeInFlight;
  }

  function toStats(entry: Entry): EndpointStats {
    refresh(entry);
    const time = now();
    const failures = entry.outcomes.filter((outcome) => outcome.failed).length;
    const requests = entry.outcomes.length;
    const spanStart = Math.max(entry.firstSeenAt, time - windowMs);
    const span = time - spanStart;
    const down = entry.downtime.reduce((total, period) => total + Math.max(0, (period.end ?? time) - Math.max(period.start, spanStart)), 0);
    return {
      key: entry.key,
      state: entry.state,
      cooldownUntil: entry.state === "open" ? entry.cooldownUntil : null,
      consecutiveFailures: entry.consecutiveFailures,
      requests,
      failures,
      errorRate: requests === 0 ? null : failures / requests,
      uptime: span <= 0 ? (entry.state === "closed" ? 1 : 0) : 1 - down / span,
      timeToFirstTokenMs: entry.timeToFirstTokenMs,
      tokensPerSecond: entry.tokensPerSecond,
      lastFailureAt: entry.lastFailureAt,
      probeInFlight: entry.probeInFlight,
    };
  }

  return {
    canAttempt(key) {
      const entry = entries.get(key);
      return entry ? canAttempt(entry) : true;
    },
    hadRecentOutage(key) {
      const entry = entries.get(key);
      return entry?.lastFailureAt != null && now() - entry.lastFailureAt < recentOutageMs;
    },
    stats(key) {
      const entry = entries.get(key);
      return entry ? toStats(entry) : undefined;
    },
    tryAcquire(key) {
      const entry = entryFor(key);
      if (!canAttempt(entry)) return false;
      if (entry.state === "half-open") entry.probeInFlight = true;
      return true;
    },
    recordSuccess(key, metrics = {}) {
      const entry = entryFor(key);
      refresh(entry);
      addOutcome(entry, false);
      entry.timeToFirstTokenMs = average(entry.timeToFirstTokenMs, metrics.timeToFirstTokenMs);
      entry.tokensPerSecond = average(entry.tokensPerSecond, metrics.tokensPerSecond);
      if (entry.state === "half-open") close(entry);
      // A success reported while open came from a request sent before the breaker opened; it does not end the cooldown.
      else if (entry.state === "closed") entry.consecutiveFailures = 0;
    },
    recordFailure(key) {
      const entry = entryFor(key);
      refresh(entry);
      addOutcome(entry, true);
      entry.lastFailureAt = now();
      if (entry.state === "half-open") {
        open(entry, Math.min(entry.cooldownMs * cooldownGrowth, maximumCooldownMs));
        return;
      }
      if (entry.state === "open") return;
      entry.consecutiveFailures += 1;
      const failures = entry.outcomes.filter((outcome) => outcome.failed).length;
      const requests = entry.outcomes.length;
      const tooManyInARow = entry.consecutiveFailures >= consecutiveFailureLimit;
      const errorRateTooHigh = requests >= minimumRequests && failures / requests > errorRateLimit;
      if (tooManyInARow || errorRateTooHigh) open(entry, Math.min(baseCooldownMs, maximumCooldownMs));
    },
    release(key) {
      const entry = entries.get(key);
      if (entry) entry.probeInFlight = false;
    },
    snapshot() {
      return [...entries.values()].map(toStats);
    },
  };
}
