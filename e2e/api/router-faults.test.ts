import OpenAI, { APIError } from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream, type FakeScenario } from "@/lib/testing/fake-openai-upstream";
import { readBooks } from "../support/books";
import { startApp, type RunningApp } from "../support/start-app";

/**
 * The router against two real HTTP upstreams serving openai/gpt-4o-mini at
 * the same price: OpenAI (`first`, tried first by provider.order) and
 * OpenRouter (`second`). Each test breaks the first in one way and checks
 * what the client sees, what each upstream received and what was recorded.
 */
const FIRST_TOKEN_TIMEOUT_MS = 1500;
const IDLE_TIMEOUT_MS = 1000;
const MAX_RESPONSE_BYTES = 64 * 1024;
const EMAIL = "router-faults@example.com";
const order = { order: ["openai", "openrouter"] };
type Params = OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming;
type StreamParams = OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming;
type Chunk = OpenAI.Chat.Completions.ChatCompletionChunk & { provider?: string; error?: { message: string; code: number } };
interface GenerationRecord {
  provider_name: string;
  status: string;
  provider_responses: Array<{ provider_name: string; status: number | null }>;
}

let first: FakeOpenAIUpstream;
let second: FakeOpenAIUpstream;
let app: RunningApp;
let client: OpenAI;
let apiKey: string;

beforeAll(async () => {
  [first, second] = await Promise.all([
    startFakeOpenAIUpstream({ firstTokenDelayMilliseconds: 20_000, oversizedBytes: 1024 * 1024 }),
    startFakeOpenAIUpstream({ forceScenario: "fake-text" }),
  ]);
  app = await startApp({
    env: {
      OPENAI_API_KEY: "sk-first",
      OPENAI_BASE_URL: first.url,
      OPENROUTER_API_KEY: "sk-second",
      OPENROUTER_BASE_URL: second.url,
      SIMULATED_PROVIDER: "off",
      UPSTREAM_TIMEOUT_MS: String(FIRST_TOKEN_TIMEOUT_MS),
      UPSTREAM_IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS),
      UPSTREAM_MAX_RESPONSE_BYTES: String(MAX_RESPONSE_BYTES),
    },
  });
  apiKey = app.createKey({ email: EMAIL, credits: "5" });
  client = new OpenAI({ baseURL: app.baseUrl, apiKey, maxRetries: 0 });
});

afterAll(async () => {
  await app?.stop();
  await Promise.all([first?.close(), second?.close()]);
});

// Successes through the first upstream between tests, so the failures of
// the tests (one each) stay well under the circuit breaker's 50% error rate.
beforeEach(async () => {
  first.force("fake-text");
  for (let count = 0; count < 2; count++) {
    await client.chat.completions.create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "warm up" }], provider: { only: ["openai"] } } as Params);
  }
});

async function generation(id: string | null): Promise<GenerationRecord> {
  const response = await fetch(`${app.baseUrl}/generation?id=${id}`, { headers: { Authorization: `Bearer ${apiKey}` } });
  return ((await response.json()) as { data: GenerationRecord }).data;
}

/** Every generation id a client was told of, to check against the books at the end. */
const seenGenerationIds = new Set<string>();

/** Streams a request with the first upstream broken as given; returns what the client saw. */
async function streamWithFirst(scenario: FakeScenario, provider: Record<string, unknown> = order) {
  first.force(scenario);
  const counts = { first: first.requestCount, second: second.requestCount };
  const { data: stream, response } = await client.chat.completions
    .create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], stream: true, provider } as StreamParams)
    .withResponse();
  const chunks: Chunk[] = [];
  let failure: unknown;
  try {
    for await (const chunk of stream) chunks.push(chunk as Chunk);
  } catch (error) {
    failure = error;
  }
  return {
    chunks,
    failure,
    text: chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join(""),
    providers: [...new Set(chunks.map((chunk) => chunk.provider))],
    generationId: remember(response.headers.get("x-generation-id")),
    calls: { first: first.requestCount - counts.first, second: second.requestCount - counts.second },
  };
}

function remember(id: string | null): string | null {
  if (id) seenGenerationIds.add(id);
  return id;
}

/** A JSON request with the first upstream broken as given. */
async function completeWithFirst(scenario: FakeScenario) {
  first.force(scenario);
  const counts = { first: first.requestCount, second: second.requestCount };
  const startedAt = Date.now();
  const { data, response } = await client.chat.completions
    .create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], provider: order } as Params)
    .withResponse();
  return {
    data: data as OpenAI.Chat.Completions.ChatCompletion & { provider?: string },
    elapsedMs: Date.now() - startedAt,
    generationId: remember(response.headers.get("x-generation-id")),
    calls: { first: first.requestCount - counts.first, second: second.requestCount - counts.second },
  };
}

const attemptsOf = async (id: string | null) => (await generation(id)).provider_responses.map((entry) => [entry.provider_name, entry.status]);

const recordedText = async () => {
  const { default: completion } = (await import("@/lib/gateway/providers/openai-compatible/__fixtures__/openai-text.json")) as {
    default: { choices: Array<{ message: { content: string } }> };
  };
  return completion.choices[0]?.message.content ?? "";
};

describe("the router over HTTP, with the first provider failing", () => {
  it("falls back on 429 and records the attempt", async () => {
    first.force("fake-error-429");
    const { data, response } = await client.chat.completions
      .create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], provider: order } as Params)
      .withResponse();
    expect((data as unknown as { provider: string }).provider).toBe("OpenRouter");
    const record = await generation(response.headers.get("x-generation-id"));
    expect(record.provider_responses.map((entry) => [entry.provider_name, entry.status])).toEqual([
      ["openai", 429],
      ["OpenRouter", 200],
    ]);
  });

  it("gives up on a provider that never answers after the first-token timeout, and streams from the next", async () => {
    const closedBefore = first.closedEarly;
    const result = await streamWithFirst("fake-hang");
    expect(result.failure).toBeUndefined();
    expect(result.providers).toEqual(["OpenRouter"]);
    expect(result.text).toBe(await recordedText());
    expect(result.calls).toEqual({ first: 1, second: 1 });
    // The hung request was abandoned, not left open.
    await expect.poll(() => first.closedEarly).toBe(closedBefore + 1);
    const record = await generation(result.generationId);
    expect(record).toMatchObject({ provider_name: "OpenRouter", status: "success" });
    expect(record.provider_responses.map((entry) => [entry.provider_name, entry.status])).toEqual([
      ["openai", 408],
      ["OpenRouter", 200],
    ]);
  });

  it("moves on when a provider accepts the stream but sends no token in time, without mixing its chunks in", async () => {
    const result = await streamWithFirst("fake-slow-first-token");
    expect(result.failure).toBeUndefined();
    expect(result.providers).toEqual(["OpenRouter"]);
    // Exactly one reply, not the first provider's opening plus the second's whole answer.
    expect(result.text).toBe(await recordedText());
    expect(result.chunks.filter((chunk) => chunk.choices[0]?.delta.role === "assistant")).toHaveLength(1);
    expect(result.calls).toEqual({ first: 1, second: 1 });
  });

  it("moves on when the stream drops before its first token", async () => {
    const result = await streamWithFirst("fake-drop-before-first-token");
    expect(result.failure).toBeUndefined();
    expect(result.providers).toEqual(["OpenRouter"]);
    expect(result.text).toBe(await recordedText());
    const record = await generation(result.generationId);
    expect(record.provider_responses.map((entry) => [entry.provider_name, entry.status])).toEqual([
      ["openai", null],
      ["OpenRouter", 200],
    ]);
  });

  it("reports a drop after the first token to the client and does not retry it", async () => {
    const result = await streamWithFirst("fake-midstream-drop");
    expect(result.calls).toEqual({ first: 1, second: 0 });
    expect(result.providers).toEqual(["OpenAI"]);
    expect(result.text.length).toBeGreaterThan(0);
    expect((await recordedText()).startsWith(result.text)).toBe(true);
    // The openai SDK raises the error event the gateway sends in the stream.
    expect(result.failure).toBeInstanceOf(APIError);
    const record = await generation(result.generationId);
    expect(record).toMatchObject({ provider_name: "OpenAI", status: "error" });
    expect(record.provider_responses.map((entry) => entry.provider_name)).toEqual(["OpenAI"]);
  });

  it("honours allow_fallbacks: false: a hung provider ends in 408 and the other is never asked", async () => {
    first.force("fake-hang");
    const before = second.requestCount;
    const error = await client.chat.completions
      .create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], stream: true, provider: { order: ["openai"], allow_fallbacks: false } } as StreamParams)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(408);
    expect((error as APIError).message).toContain("did not answer in time");
    expect(second.requestCount).toBe(before);
  });

  it("answers 502 with allow_fallbacks: false when the provider fails before answering, and never asks the other", async () => {
    first.force("fake-error-500");
    const before = second.requestCount;
    const error = await client.chat.completions
      .create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], provider: { order: ["openai"], allow_fallbacks: false } } as Params)
      .catch((caught: unknown) => caught);
    expect((error as APIError).status).toBe(502);
    expect(second.requestCount).toBe(before);
  });
});

describe("the router over HTTP, with the first provider answering badly", () => {
  it("moves on when a stream sends an event that is not JSON before its first token", async () => {
    const result = await streamWithFirst("fake-malformed-sse");
    expect(result.failure).toBeUndefined();
    expect(result.providers).toEqual(["OpenRouter"]);
    expect(result.text).toBe(await recordedText());
    expect(await attemptsOf(result.generationId)).toEqual([
      ["openai", null],
      ["OpenRouter", 200],
    ]);
  });

  it("reports a malformed event after the first token in the stream, bills what was sent, and does not retry", async () => {
    const result = await streamWithFirst("fake-malformed-midstream");
    expect(result.calls).toEqual({ first: 1, second: 0 });
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.failure).toBeInstanceOf(APIError);
    expect((result.failure as APIError).message).toContain("not JSON");
    const record = await generation(result.generationId);
    expect(record).toMatchObject({ provider_name: "OpenAI", status: "error" });
  });

  it("moves on when a JSON answer is cut off half-way", async () => {
    const result = await completeWithFirst("fake-malformed-sse");
    expect(result.data.provider).toBe("OpenRouter");
    expect(await attemptsOf(result.generationId)).toEqual([
      ["openai", null],
      ["OpenRouter", 200],
    ]);
  });

  it("refuses a JSON answer over UPSTREAM_MAX_RESPONSE_BYTES without reading it all, and moves on", async () => {
    const closedBefore = first.closedEarly;
    const result = await completeWithFirst("fake-oversized");
    expect(result.data.provider).toBe("OpenRouter");
    expect(result.data.choices[0]?.message.content).toBe(await recordedText());
    await expect.poll(() => first.closedEarly).toBe(closedBefore + 1);
    const record = await generation(result.generationId);
    expect(record.provider_responses[0]).toMatchObject({ provider_name: "openai", status: null });
  });

  it("refuses a stream event over the limit and moves on", async () => {
    const result = await streamWithFirst("fake-oversized");
    expect(result.failure).toBeUndefined();
    expect(result.providers).toEqual(["OpenRouter"]);
    expect(result.text).toBe(await recordedText());
  });

  it("gives up on a JSON body that trickles in forever once the first-token timeout passes", async () => {
    const result = await completeWithFirst("fake-trickle-comments");
    expect(result.data.provider).toBe("OpenRouter");
    expect(result.elapsedMs).toBeGreaterThanOrEqual(FIRST_TOKEN_TIMEOUT_MS - 100);
    expect(result.elapsedMs).toBeLessThan(FIRST_TOKEN_TIMEOUT_MS + 2_000);
    expect(await attemptsOf(result.generationId)).toEqual([
      ["openai", 408],
      ["OpenRouter", 200],
    ]);
  });

  it("does not count keep-alive comments as a first token: a stream of only comments is given up on", async () => {
    const startedAt = Date.now();
    const result = await streamWithFirst("fake-trickle-comments");
    expect(result.failure).toBeUndefined();
    expect(result.providers).toEqual(["OpenRouter"]);
    expect(Date.now() - startedAt).toBeLessThan(FIRST_TOKEN_TIMEOUT_MS + 2_000);
  });

  it("ends a stream that goes quiet after its first token within UPSTREAM_IDLE_TIMEOUT_MS, closes the upstream and records it", async () => {
    const closedBefore = first.closedEarly;
    const startedAt = Date.now();
    const result = await streamWithFirst("fake-stall-midstream");
    const elapsed = Date.now() - startedAt;
    expect(elapsed).toBeGreaterThanOrEqual(IDLE_TIMEOUT_MS - 100);
    expect(elapsed).toBeLessThan(IDLE_TIMEOUT_MS + 2_000);
    expect(result.calls).toEqual({ first: 1, second: 0 });
    expect(result.text.length).toBeGreaterThan(0);
    expect((result.failure as APIError).message).toContain("stopped sending output");
    await expect.poll(() => first.closedEarly).toBe(closedBefore + 1);
    expect(await generation(result.generationId)).toMatchObject({ status: "error" });
  });

  it("aborts the upstream when the client hangs up before a JSON answer, and records the generation as cancelled once", async () => {
    first.force("fake-hang");
    const closedBefore = first.closedEarly;
    const before = await readBooks(app.databaseUrl, EMAIL);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const failure = await client.chat.completions
      .create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], provider: { only: ["openai"] } } as Params, { signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(Error);
    await expect.poll(() => first.closedEarly).toBe(closedBefore + 1);
    // Earlier requests' settlements may still be on their way (written every 100 ms): look for the cancelled one among the new.
    const cancelledSince = async () => {
      const added = [...(await readBooks(app.databaseUrl, EMAIL)).generationIds].filter((id) => !before.generationIds.has(id));
      const records = await Promise.all(added.map((id) => generation(id)));
      return records.filter((record) => record.status === "cancelled").length;
    };
    await expect.poll(cancelledSince).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await cancelledSince()).toBe(1);
  });

  it("leaves books that balance: one debit per billed generation, the ledger equal to the balance, nothing held", async () => {
    await expect.poll(async () => (await readBooks(app.databaseUrl, EMAIL)).held, { timeout: 10_000 }).toBe(0n);
    const books = await readBooks(app.databaseUrl, EMAIL);
    for (const id of seenGenerationIds) expect(books.generationIds.has(id), id).toBe(true);
    expect(books.unbilled).toBe(0);
    expect(books.orphanDebits).toBe(0);
    expect(books.debits).toBe(books.costs);
    expect(books.ledger).toBe(books.balance);
    expect(books.costs).toBeGreaterThan(0n);
  });
});
