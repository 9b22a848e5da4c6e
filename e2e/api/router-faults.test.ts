import OpenAI, { APIError } from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream, type FakeScenario } from "@/lib/testing/fake-openai-upstream";
import { startApp, type RunningApp } from "../support/start-app";

/**
 * The router against two real HTTP upstreams serving openai/gpt-4o-mini at
 * the same price: OpenAI (`first`, tried first by provider.order) and
 * OpenRouter (`second`). Each test breaks the first in one way and checks
 * what the client sees, what each upstream received and what was recorded.
 */
const FIRST_TOKEN_TIMEOUT_MS = 1500;
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
    startFakeOpenAIUpstream({ firstTokenDelayMilliseconds: 20_000 }),
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
    },
  });
  apiKey = app.createKey({ email: "router-faults@example.com", credits: "5" });
  client = new OpenAI({ baseURL: app.baseUrl, apiKey, maxRetries: 0 });
});

afterAll(async () => {
  await app?.stop();
  await Promise.all([first?.close(), second?.close()]);
});

// A success through the first upstream between tests, so the failures of one
// test do not add up to an open circuit breaker in the next.
beforeEach(async () => {
  first.force("fake-text");
  await client.chat.completions.create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "warm up" }], provider: { only: ["openai"] } } as Params);
});

async function generation(id: string | null): Promise<GenerationRecord> {
  const response = await fetch(`${app.baseUrl}/generation?id=${id}`, { headers: { Authorization: `Bearer ${apiKey}` } });
  return ((await response.json()) as { data: GenerationRecord }).data;
}

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
    generationId: response.headers.get("x-generation-id"),
    calls: { first: first.requestCount - counts.first, second: second.requestCount - counts.second },
  };
}

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
