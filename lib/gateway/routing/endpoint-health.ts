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
 * Keys are endpoint keys (see ./endpoint-key). State is in memory, so the
 * request path never waits for a database. When several instances share one
 * (./share-endpoint-health), each publishes `exportReports()` and feeds the
 * others' reports to `mergeRemote()`: an endpoint another instance holds open
 * is opened here too until that cooldown ends, so one instance's detection of
 * an outage protects all, and stats combine every instance's figures. Each
 * instance still decides on its own when to open and lets one probe through
 * at a time in half-open, so N instances send at most N probes at once.
 */

export type BreakerState = "closed" | "open" | "half-open";

export interface EndpointHealthOptions {
  /**
   * Wall-clock milliseconds since the epoch (Date.now, the default). Reports
   * carry these times to other processes, which compare them with their own
   * clocks, so a monotonic clock such as performance.now must not be used.
   */
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
  /** Reports from other instances older than this are ignored: that instance stopped or lost the database. */
  remoteReportMaximumAgeMs?: number;
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

/**
 * One instance's own figures for one endpoint, as it shares them with the
 * others. Times are wall-clock milliseconds since the epoch.
 */
export interface EndpointHealthReport {
  key: string;
  state: BreakerState;
  /** When an open breaker allows a probe; null unless open. */
  cooldownUntil: number | null;
  /** Requests and failures in the window. */
  requests: number;
  failures: number;
  uptime: number;
  timeToFirstTokenMs: number | null;
  tokensPerSecond: number | null;
  lastFailureAt: number | null;
}

/** Another instance's report, as read back from where the instances share them. */
export interface RemoteEndpointHealthReport extends EndpointHealthReport {
  instanceId: string;
  /** When that instance published it, by its clock. */
  updatedAt: number;
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
  /** Every endpoint seen, here or by another instance, for the /endpoints page. */
  snapshot(): EndpointStats[];
  /** This instance's own figures for every endpoint it has seen, without the other instances' ones. */
  exportReports(): EndpointHealthReport[];
  /**
   * Replaces what is known of the other instances with their latest reports
   * (stale ones are ignored). An endpoint one of them holds open is opened
   * here too until its cooldown ends.
   */
  mergeRemote(reports: readonly RemoteEndpointHealthReport[]): void;
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
  const remoteReportMaximumAgeMs = options.remoteReportMaximumAgeMs ?? 30_000;
  const entries = new Map<string, Entry>();
  /** The other instances' latest reports, by endpoint key. */
  let remoteReports = new Map<string, RemoteEndpointHealthReport[]>();

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

  /** This instance's own figures; `refresh` first. */
  function localReport(entry: Entry): EndpointHealthReport {
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
      requests,
      failures,
      uptime: span <= 0 ? (entry.state === "closed" ? 1 : 0) : 1 - down / span,
      timeToFirstTokenMs: entry.timeToFirstTokenMs,
      tokensPerSecond: entry.tokensPerSecond,
      lastFailureAt: entry.lastFailureAt,
    };
  }

  /** Reports are dropped when read, not only when merged, so they age out even if merging stops. */
  function freshRemoteReports(key: string): RemoteEndpointHealthReport[] {
    const oldest = now() - remoteReportMaximumAgeMs;
    return (remoteReports.get(key) ?? []).filter((report) => report.updatedAt >= oldest);
  }

  /**
   * This instance's breaker state (what routing here obeys) with figures
   * summed or request-weighted over every instance that reported the endpoint.
   */
  function toStats(key: string): EndpointStats | undefined {
    const entry = entries.get(key);
    if (entry) refresh(entry);
    const local = entry ? localReport(entry) : undefined;
    const reports = [...(local ? [local] : []), ...freshRemoteReports(key)];
    if (reports.length === 0) return undefined;
    const requests = sum(reports.map((report) => report.requests));
    const failures = sum(reports.map((report) => report.failures));
    const lastFailures = reports.flatMap((report) => (report.lastFailureAt === null ? [] : [report.lastFailureAt]));
    return {
      key,
      state: entry?.state ?? "closed",
      cooldownUntil: local?.cooldownUntil ?? null,
      consecutiveFailures: entry?.consecutiveFailures ?? 0,
      requests,
      failures,
      errorRate: requests === 0 ? null : failures / requests,
      uptime: weightedMean(reports.map((report) => ({ value: report.uptime, weight: report.requests }))) ?? 1,
      timeToFirstTokenMs: weightedMean(
        reports.flatMap((report) => (report.timeToFirstTokenMs === null ? [] : [{ value: report.timeToFirstTokenMs, weight: report.requests }])),
      ),
      tokensPerSecond: weightedMean(
        reports.flatMap((report) => (report.tokensPerSecond === null ? [] : [{ value: report.tokensPerSecond, weight: report.requests }])),
      ),
      lastFailureAt: lastFailures.length === 0 ? null : Math.max(...lastFailures),
      probeInFlight: entry?.probeInFlight ?? false,
    };
  }

  /** Opens the breaker because another instance holds it open, until that instance's cooldown ends. */
  function adoptOpen(entry: Entry, until: number): void {
    refresh(entry);
    const time = now();
    // A skewed or misbehaving clock elsewhere must not close an endpoint here for longer than this instance ever would.
    const end = Math.min(until, time + maximumCooldownMs);
    if (end <= time || (entry.state === "open" && entry.cooldownUntil >= end)) return;
    if (entry.state === "closed") entry.downtime.push({ start: time, end: null });
    entry.state = "open";
    entry.cooldownUntil = end;
    // A failed probe here then backs off from the cooldown the other instance chose, as it would there.
    entry.cooldownMs = Math.min(Math.max(entry.cooldownMs, end - time), maximumCooldownMs);
    // A probe out now reports into an open breaker, where its verdict changes nothing.
    entry.probeInFlight = false;
  }

  return {
    canAttempt(key) {
      const entry = entries.get(key);
      return entry ? canAttempt(entry) : true;
    },
    hadRecentOutage(key) {
      const time = now();
      const failedRecently = (lastFailureAt: number | null | undefined) => lastFailureAt != null && time - lastFailureAt < recentOutageMs;
      return failedRecently(entries.get(key)?.lastFailureAt) || freshRemoteReports(key).some((report) => failedRecently(report.lastFailureAt));
    },
    stats(key) {
      return toStats(key);
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
      const keys = new Set([...entries.keys(), ...remoteReports.keys()]);
      return [...keys].flatMap((key) => toStats(key) ?? []);
    },
    exportReports() {
      return [...entries.values()].map((entry) => {
        refresh(entry);
        return localReport(entry);
      });
    },
    mergeRemote(reports) {
      const oldest = now() - remoteReportMaximumAgeMs;
      const byKey = new Map<string, RemoteEndpointHealthReport[]>();
      for (const report of reports) {
        if (report.updatedAt < oldest) continue;
        const forKey = byKey.get(report.key);
        if (forKey) forKey.push(report);
        else byKey.set(report.key, [report]);
        if (report.state === "open" && report.cooldownUntil !== null) adoptOpen(entryFor(report.key), report.cooldownUntil);
      }
      remoteReports = byKey;
    },
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/**
 * Weighted by requests in the window, so a busy instance's figures count for
 * more than an idle one's; a plain mean when none has requests; null when
 * there is nothing to average.
 */
function weightedMean(samples: ReadonlyArray<{ value: number; weight: number }>): number | null {
  if (samples.length === 0) return null;
  const totalWeight = sum(samples.map((sample) => sample.weight));
  if (totalWeight <= 0) return sum(samples.map((sample) => sample.value)) / samples.length;
  return sum(samples.map((sample) => sample.value * sample.weight)) / totalWeight;
}
