import type { GenerationRecord } from "../gateway/store";
import { Counter, Gauge, Histogram, MetricsRegistry } from "./metrics-registry";

const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/**
 * What /metrics reports: API requests and their latency by route and status,
 * generations, tokens and cost by provider, and upstream errors by provider
 * and status. One per process (on globalThis, so every bundle of the
 * process counts into the same numbers).
 */
export function createGatewayMetrics() {
  const registry = new MetricsRegistry();
  const requests = registry.register(new Counter("switchyard_http_requests_total", "API requests answered, by route and HTTP status."));
  const latency = registry.register(
    new Histogram("switchyard_http_request_duration_seconds", "Time until an API response started (streams: until the first byte), by route.", LATENCY_BUCKETS_SECONDS),
  );
  const generations = registry.register(new Counter("switchyard_generations_total", "Generations recorded, by provider and status."));
  const tokens = registry.register(new Counter("switchyard_tokens_total", "Tokens billed, by provider and kind (prompt, completion)."));
  const cost = registry.register(new Counter("switchyard_cost_microdollars_total", "Cost billed in micro-dollars, by provider."));
  const upstreamErrors = registry.register(
    new Counter("switchyard_upstream_errors_total", "Failed provider attempts, by provider and HTTP status (none: no answer)."),
  );
  const generationLatency = registry.register(
    new Histogram("switchyard_generation_duration_seconds", "Whole generation time, by provider.", LATENCY_BUCKETS_SECONDS),
  );
  const gauges = new Map<string, () => number>();
  registry.register({
    name: "switchyard_process_resident_bytes",
    help: "Resident memory of this process.",
    type: "gauge",
    render: () => [`switchyard_process_resident_bytes ${process.memoryUsage.rss()}`],
  });

  return {
    render: () => registry.render(),

    /** Registers a gauge read at scrape time (pending settlements, open requests). */
    gauge(name: string, help: string, read: () => number): void {
      if (gauges.has(name)) {
        gauges.set(name, read);
        return;
      }
      gauges.set(name, read);
      registry.register(new Gauge(name, help, () => gauges.get(name)!()));
    },

    observeRequest(route: string, status: number, seconds: number): void {
      requests.inc({ route, status: String(status) });
      latency.observe({ route }, seconds);
    },

    observeGeneration(record: GenerationRecord): void {
      const provider = record.providerId;
      generations.inc({ provider, status: record.status });
      if (record.usage.promptTokens > 0) tokens.inc({ provider, kind: "prompt" }, record.usage.promptTokens);
      if (record.usage.completionTokens > 0) tokens.inc({ provider, kind: "completion" }, record.usage.completionTokens);
      if (record.costMicros > 0n) cost.inc({ provider }, Number(record.costMicros));
      generationLatency.observe({ provider }, record.latencyMs / 1000);
      for (const attempt of record.attempts) upstreamErrors.inc({ provider: attempt.providerId, status: attempt.status === null ? "none" : String(attempt.status) });
      if (record.status === "error" && record.httpStatus !== null && record.httpStatus >= 500) upstreamErrors.inc({ provider, status: String(record.httpStatus) });
    },
  };
}

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;

const holder = globalThis as typeof globalThis & { switchyardMetrics?: GatewayMetrics };

/** The process's metrics. */
export function getMetrics(): GatewayMetrics {
  holder.switchyardMetrics ??= createGatewayMetrics();
  return holder.switchyardMetrics;
}
