import { describe, expect, it } from "vitest";
import type { GenerationRecord } from "../gateway/store";
import { createGatewayMetrics } from "./gateway-metrics";

const record = (overrides: Partial<GenerationRecord>): GenerationRecord => ({
  id: "gen-1",
  userId: "u",
  apiKeyId: null,
  requestedModel: "openai/gpt-4o-mini",
  model: "openai/gpt-4o-mini",
  providerId: "openai",
  providerName: "OpenAI",
  providerModel: "gpt-4o-mini",
  upstreamId: null,
  usage: { promptTokens: 100, completionTokens: 20, reasoningTokens: 0, cachedTokens: 0, cacheWriteTokens: 0 },
  usageEstimated: false,
  byok: false,
  costMicros: 27n,
  status: "success",
  httpStatus: 200,
  errorMessage: null,
  finishReason: "stop",
  nativeFinishReason: "stop",
  streamed: false,
  cancelled: false,
  latencyMs: 120,
  timeToFirstTokenMs: 40,
  attempts: [],
  createdAt: new Date(),
  completedAt: new Date(),
  ...overrides,
});

describe("gateway metrics", () => {
  it("counts requests with a latency histogram, and generations, tokens, cost and upstream errors by provider", () => {
    const metrics = createGatewayMetrics();
    metrics.observeRequest("/api/v1/chat/completions", 200, 0.004);
    metrics.observeRequest("/api/v1/chat/completions", 200, 0.3);
    metrics.observeRequest("/api/v1/chat/completions", 402, 0.001);
    metrics.observeGeneration(record({}));
    metrics.observeGeneration(record({ attempts: [{ providerId: "groq", model: "m", status: 429, latencyMs: 5, error: "busy" }, { providerId: "together", model: "m", status: null, latencyMs: 5, error: "reset" }] }));
    metrics.observeGeneration(record({ status: "error", httpStatus: 502, costMicros: 0n, usage: { promptTokens: 0, completionTokens: 0, reasoningTokens: 0, cachedTokens: 0, cacheWriteTokens: 0 } }));
    metrics.gauge("switchyard_pending_settlements", "Waiting.", () => 7);
    const text = metrics.render();
    expect(text).toContain('switchyard_http_requests_total{route="/api/v1/chat/completions",status="200"} 2');
    expect(text).toContain('switchyard_http_requests_total{route="/api/v1/chat/completions",status="402"} 1');
    expect(text).toContain('switchyard_http_request_duration_seconds_bucket{route="/api/v1/chat/completions",le="0.005"} 2');
    expect(text).toContain('switchyard_http_request_duration_seconds_bucket{route="/api/v1/chat/completions",le="+Inf"} 3');
    expect(text).toContain('switchyard_http_request_duration_seconds_count{route="/api/v1/chat/completions"} 3');
    expect(text).toContain('switchyard_generations_total{provider="openai",status="success"} 2');
    expect(text).toContain('switchyard_generations_total{provider="openai",status="error"} 1');
    expect(text).toContain('switchyard_tokens_total{provider="openai",kind="prompt"} 200');
    expect(text).toContain('switchyard_tokens_total{provider="openai",kind="completion"} 40');
    expect(text).toContain('switchyard_cost_microdollars_total{provider="openai"} 54');
    expect(text).toContain('switchyard_upstream_errors_total{provider="groq",status="429"} 1');
    expect(text).toContain('switchyard_upstream_errors_total{provider="together",status="none"} 1');
    expect(text).toContain('switchyard_upstream_errors_total{provider="openai",status="502"} 1');
    expect(text).toContain("# TYPE switchyard_http_request_duration_seconds histogram");
    expect(text).toContain("switchyard_pending_settlements 7");
    expect(text).toMatch(/switchyard_process_resident_bytes \d+/);
  });

  it("escapes label values as the exposition format requires", () => {
    const metrics = createGatewayMetrics();
    metrics.observeRequest('we"ird\\route\n', 200, 0.1);
    expect(metrics.render()).toContain('route="we\\"ird\\\\route\\n"');
  });
});
