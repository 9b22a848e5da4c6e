import type { EndpointHealth, EndpointHealthReport, RemoteEndpointHealthReport } from "./endpoint-health";

/**
 * Shares endpoint health between instances that run behind one load balancer
 * on one database. A background loop, never the request path, publishes this
 * instance's reports and merges the other instances' fresh ones into the local
 * EndpointHealth every couple of seconds; requests keep reading memory only.
 * So an outage seen by one instance reaches the others within about one
 * interval (plus their own), and a database that is slow or down costs
 * sharing, not requests.
 *
 * Bounds: each instance lets one half-open probe through at a time, so N
 * instances send at most N probes to a recovering endpoint at once. Cooldown
 * ends and freshness are wall-clock times compared across hosts, so they are
 * off by the hosts' clock skew (NTP keeps that far below a cooldown);
 * EndpointHealth caps an adopted cooldown at the longest it would choose.
 */

/** Where the instances meet; lib/db/endpoint-health-reports.ts stores them with Prisma. */
export interface EndpointHealthReportStore {
  /** Inserts or replaces this instance's report for each endpoint given. */
  publish(options: { instanceId: string; reports: readonly EndpointHealthReport[]; updatedAt: number }): Promise<void>;
  /** Other instances' reports updated at or after `updatedSince`. */
  readFresh(options: { excludeInstanceId: string; updatedSince: number }): Promise<RemoteEndpointHealthReport[]>;
  /** Deletes reports last updated before `updatedBefore`, left by instances that stopped. */
  prune(options: { updatedBefore: number }): Promise<void>;
}

export interface ShareEndpointHealthOptions {
  health: EndpointHealth;
  store: EndpointHealthReportStore;
  /** Unique per process, e.g. a random UUID. */
  instanceId: string;
  /** Pause between the end of one round and the start of the next, in milliseconds. */
  intervalMs?: number;
  /** Reports not updated for this long are ignored and pruned; keep it equal to EndpointHealth's remoteReportMaximumAgeMs. */
  maximumReportAgeMs?: number;
  /** Wall-clock milliseconds, as EndpointHealth's: stamps reports other hosts compare with their clocks. */
  now?: () => number;
  /** Set false in tests that drive rounds with `syncNow()` alone. */
  start?: boolean;
  /** Where failures and recoveries go; console.warn by default. */
  log?: (message: string, error?: unknown) => void;
}

export interface EndpointHealthSharing {
  /** One round: publish, read and merge, and now and then prune. Rounds never overlap; a failing one is logged, not thrown. */
  syncNow(): Promise<void>;
  /** Stops the loop after the round under way, if any. */
  stop(): Promise<void>;
}

export function shareEndpointHealth(options: ShareEndpointHealthOptions): EndpointHealthSharing {
  const { health, store, instanceId } = options;
  const intervalMs = options.intervalMs ?? 2_000;
  const maximumReportAgeMs = options.maximumReportAgeMs ?? 30_000;
  // An unchanged report is still republished this often, so that the others keep taking it as fresh.
  const heartbeatMs = maximumReportAgeMs / 3;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message, error) => console.warn(`[health] ${message}`, ...(error === undefined ? [] : [error])));

  /** What was last published per endpoint and when, so that rounds write only what changed. */
  const published = new Map<string, { fingerprint: string; at: number }>();
  let lastPrunedAt = Number.NEGATIVE_INFINITY;
  let failing = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;

  async function round(): Promise<void> {
    const time = now();
    const due = health.exportReports().filter((report) => {
      const last = published.get(report.key);
      return !last || last.fingerprint !== fingerprintOf(report) || time - last.at >= heartbeatMs;
    });
    if (due.length > 0) {
      await store.publish({ instanceId, reports: due, updatedAt: time });
      for (const report of due) published.set(report.key, { fingerprint: fingerprintOf(report), at: time });
    }
    health.mergeRemote(await store.readFresh({ excludeInstanceId: instanceId, updatedSince: time - maximumReportAgeMs }));
    // Every instance prunes, so once per report lifetime each is plenty.
    if (time - lastPrunedAt >= maximumReportAgeMs) {
      await store.prune({ updatedBefore: time - maximumReportAgeMs });
      lastPrunedAt = time;
    }
  }

  async function syncNow(): Promise<void> {
    if (running) return running;
    running = round()
      .then(() => {
        if (failing) log("sharing endpoint health works again");
        failing = false;
      })
      .catch((error: unknown) => {
        // One line per outage of the database rather than one every interval.
        if (!failing) log("could not share endpoint health; retrying quietly until it works again:", error);
        failing = true;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void syncNow().then(schedule);
    }, intervalMs);
    // The loop must never keep a process alive that has nothing else to do.
    timer.unref();
  }

  if (options.start ?? true) schedule();

  return {
    syncNow,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** Uptime moves a little every round; rounding keeps such drift from counting as a change. */
function fingerprintOf(report: EndpointHealthReport): string {
  return JSON.stringify({ ...report, uptime: Math.round(report.uptime * 1000) / 1000 });
}
