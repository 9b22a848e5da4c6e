import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from "@/lib/testing/fake-openai-upstream";
import { startApp, type RunningApp } from "../support/start-app";

// The lean Node path for /api/v1 (Server-Timing, 413), and a graceful
// shutdown that finishes open streams and writes their batch before exiting.
let upstream: FakeOpenAIUpstream;
let app: RunningApp | undefined;
let apiKey: string;
let directory: string;
let databaseFile: string;

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), "switchyard-serving-"));
  databaseFile = path.join(directory, "serving.db");
  upstream = await startFakeOpenAIUpstream({ slowChunkCount: 15 });
  app = await startApp({
    env: {
      DATABASE_URL: `file:${databaseFile}`,
      OPENAI_API_KEY: "sk-a",
      OPENAI_BASE_URL: upstream.url,
      SIMULATED_PROVIDER: "off",
      // Long enough that only the shutdown can have written the last batch.
      USAGE_FLUSH_INTERVAL_MS: "10000",
      MAX_REQUEST_BYTES: "2048",
      METRICS_TOKEN: "scrape-secret",
    },
  });
  apiKey = app.createKey({ email: "serving@example.com", credits: "5" });
});

afterAll(async () => {
  await app?.stop();
  await upstream?.close();
  rmSync(directory, { recursive: true, force: true });
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app!.baseUrl}/chat/completions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

function timings(response: Response): Map<string, number> {
  const header = response.headers.get("server-timing") ?? "";
  return new Map(
    header.split(",").map((entry) => {
      const [name, ...parameters] = entry.trim().split(";");
      const duration = parameters.find((parameter) => parameter.startsWith("dur="));
      return [name!, Number(duration?.slice(4))] as const;
    }),
  );
}

describe("serving /api/v1", () => {
  it("says in Server-Timing how long auth, routing and the provider took, whole and streamed", async () => {
    upstream.force("fake-text");
    const whole = await post({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] });
    expect(whole.status).toBe(200);
    await whole.json();
    const entries = timings(whole);
    expect([...entries.keys()]).toEqual(["auth", "routing", "upstream", "total"]);
    for (const duration of entries.values()) expect(duration).toBeGreaterThanOrEqual(0);
    expect(entries.get("total")!).toBeGreaterThanOrEqual(entries.get("upstream")!);

    const streamed = await post({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], stream: true });
    expect(streamed.headers.get("content-type")).toMatch(/text\/event-stream/);
    expect([...timings(streamed).keys()]).toEqual(["auth", "routing", "upstream", "total"]);
    expect(await streamed.text()).toContain("data: [DONE]");
  });

  it("refuses a body over the limit with 413 in OpenAI's shape, and a bad key with 401", async () => {
    const large = await post({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "x".repeat(4096) }] });
    expect(large.status).toBe(413);
    expect(await large.json()).toMatchObject({ error: { type: "invalid_request_error" } });
    const unknown = await post({ model: "openai/gpt-4o-mini", messages: [] }, { Authorization: "Bearer sk-sy-v1-nope" });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ error: { type: "authentication_error" } });
  });

  it("sends security headers: a content security policy that forbids framing on pages, nosniff on the API", async () => {
    const page = await fetch(`${app!.origin}/`);
    const policy = page.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    const api = await post({ model: "openai/gpt-4o-mini", messages: [] }, { Authorization: "Bearer sk-sy-v1-nope" });
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("answers health and readiness, and serves Prometheus metrics only with the scrape token", async () => {
    expect(await (await fetch(`${app!.origin}/api/health`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${app!.origin}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });

    expect((await fetch(`${app!.origin}/metrics`)).status).toBe(404);
    expect((await fetch(`${app!.origin}/metrics`, { headers: { Authorization: "Bearer wrong" } })).status).toBe(404);
    const metrics = await fetch(`${app!.origin}/metrics`, { headers: { Authorization: "Bearer scrape-secret" } });
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get("content-type")).toMatch(/^text\/plain; version=0.0.4/);
    const text = await metrics.text();
    // The requests of the tests above: two served, one too large, one unauthenticated.
    expect(text).toMatch(/switchyard_http_requests_total\{route="\/api\/v1\/chat\/completions",status="200"\} 2/);
    expect(text).toMatch(/switchyard_http_requests_total\{route="\/api\/v1\/chat\/completions",status="413"\} 1/);
    // At least those four (the server's own warm-up request at start counts too).
    const observed = Number(/switchyard_http_request_duration_seconds_count\{route="\/api\/v1\/chat\/completions"\} (\d+)/.exec(text)?.[1]);
    expect(observed).toBeGreaterThanOrEqual(4);
    expect(text).toMatch(/switchyard_generations_total\{provider="openai",status="success"\} 2/);
    expect(text).toMatch(/switchyard_tokens_total\{provider="openai",kind="completion"\} \d+/);
    expect(text).toMatch(/switchyard_cost_microdollars_total\{provider="openai"\} \d+/);
    expect(text).toMatch(/switchyard_pending_settlements \d+/);
  });

  it("on SIGTERM finishes the open stream, writes its generation and debit, gives the credit lease back, then exits", async () => {
    upstream.force("fake-slow");
    const response = await post({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], stream: true });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    const stopping = app!.stop();
    let text = new TextDecoder().decode(first.value);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await stopping;
    app = undefined;
    expect(text).toContain("tick 15");
    expect(text).toContain("data: [DONE]");

    const database = new Database(databaseFile, { readonly: true });
    try {
      const generations = database.prepare(`SELECT "status", "costMicros" FROM "Generation"`).all() as Array<{ status: string; costMicros: number }>;
      // The first test's two generations and this one, all written though the flush interval never passed.
      expect(generations).toHaveLength(3);
      expect(generations.every((generation) => generation.status === "success" && generation.costMicros > 0)).toBe(true);
      const ledger = database.prepare(`SELECT SUM("amountMicros") AS "sum" FROM "CreditLedgerEntry"`).get() as { sum: number };
      const account = database.prepare(`SELECT "balanceMicros", "heldMicros" FROM "CreditAccount"`).get() as { balanceMicros: number; heldMicros: number };
      expect(account.balanceMicros).toBe(ledger.sum);
      expect(account.balanceMicros).toBe(5_000_000 - generations.reduce((sum, generation) => sum + generation.costMicros, 0));
      expect(account.heldMicros).toBe(0);
      expect(database.prepare(`SELECT COUNT(*) AS "count" FROM "CreditHold"`).get()).toEqual({ count: 0 });
    } finally {
      database.close();
    }
  });
});
