import { readFileSync } from "node:fs";
import path from "node:path";
import OpenAI, { APIError } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from "@/lib/testing/fake-openai-upstream";
import { startApp, type RunningApp } from "../support/start-app";

const FIXTURES = path.resolve(import.meta.dirname, "../../lib/gateway/providers/openai-compatible/__fixtures__");
const fixtureText = (JSON.parse(readFileSync(path.join(FIXTURES, "openai-text.json"), "utf8")) as { choices: Array<{ message: { content: string } }> })
  .choices[0]!.message.content;

/** The fake upstream picks its behaviour from this marker in the prompt. */
const scenario = (name: string, text = "Say something.") => [{ role: "user" as const, content: `[scenario:${name}] ${text}` }];

let upstream: FakeOpenAIUpstream;
let app: RunningApp;
let client: OpenAI;
let apiKey: string;

beforeAll(async () => {
  upstream = await startFakeOpenAIUpstream();
  app = await startApp({
    env: { OPENAI_API_KEY: "sk-upstream-test", OPENAI_BASE_URL: upstream.url, SIMULATED_PROVIDER: "on", STREAM_KEEPALIVE_MS: "100" },
  });
  apiKey = app.createKey({ email: "alice@example.com", credits: "10" });
  client = new OpenAI({ baseURL: app.baseUrl, apiKey, maxRetries: 0 });
});

afterAll(async () => {
  await app?.stop();
  await upstream?.close();
});

async function getGeneration(id: string, key = apiKey) {
  // The record is written before the response ends; poll briefly for the cancelled case.
  for (let attempt = 0; attempt < 40; attempt++) {
    const response = await fetch(`${app.baseUrl}/generation?id=${id}`, { headers: { Authorization: `Bearer ${key}` } });
    if (response.status !== 404) return { status: response.status, body: (await response.json()) as { data: Record<string, unknown> } };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`generation ${id} was never recorded`);
}

describe("POST /api/v1/chat/completions", () => {
  it("answers a completion through an OpenAI-compatible upstream, with usage and cost", async () => {
    const { data, response } = await client.chat.completions
      .create({ model: "openai/gpt-4o-mini", messages: scenario("fake-text") })
      .withResponse();

    expect(data.choices[0]?.message.content).toBe(fixtureText);
    expect(data.model).toBe("openai/gpt-4o-mini");
    expect(data.id).toMatch(/^gen-/);
    expect(response.headers.get("x-generation-id")).toBe(data.id);
    // 16 prompt tokens at $0.15/M + 363 completion tokens at $0.60/M = 220.2 micro-dollars, billed as 221.
    const usage = data.usage as unknown as Record<string, unknown>;
    expect(usage).toMatchObject({ prompt_tokens: 16, completion_tokens: 363, total_tokens: 379, cost: 0.000221 });
    expect((data as unknown as { provider: string }).provider).toBe("OpenAI");

    const sent = upstream.requests.at(-1)!.body as Record<string, unknown>;
    expect(sent.model).toBe("gpt-4o-mini");

    const generation = await getGeneration(data.id);
    expect(generation.body.data).toMatchObject({
      id: data.id,
      model: "openai/gpt-4o-mini",
      provider_name: "OpenAI",
      tokens_prompt: 16,
      tokens_completion: 363,
      total_cost: 0.000221,
      streamed: false,
      cancelled: false,
      finish_reason: "stop",
    });
  });

  it("streams deltas and ends with a usage chunk even when the client did not ask for one", async () => {
    const { data: stream, response } = await client.chat.completions
      .create({ model: "openai/gpt-4o-mini", messages: scenario("fake-text"), stream: true })
      .withResponse();
    const generationId = response.headers.get("x-generation-id")!;
    let text = "";
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      text += chunk.choices[0]?.delta.content ?? "";
    }
    expect(text).toBe(fixtureText);
    expect(chunks.every((chunk) => chunk.id === generationId)).toBe(true);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ prompt_tokens: 16, completion_tokens: 363 });
    expect((last.usage as unknown as { cost: number }).cost).toBe(0.000221);
    // The upstream was asked for usage although the client did not ask.
    expect((upstream.requests.at(-1)!.body as { stream_options?: unknown }).stream_options).toEqual({ include_usage: true });

    const generation = await getGeneration(generationId);
    expect(generation.body.data).toMatchObject({ streamed: true, cancelled: false, tokens_completion: 363, usage_estimated: false });
    expect(generation.body.data.time_to_first_token).toEqual(expect.any(Number));
  });

  it("passes tool calls through, whole and streamed", async () => {
    const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
      {
        type: "function",
        function: { name: "weather", parameters: { type: "object", properties: { location: { type: "string" } }, required: ["location"] } },
      },
    ];
    const completion = await client.chat.completions.create({ model: "openai/gpt-4o-mini", messages: scenario("fake-tools"), tools });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(completion.choices[0]?.finish_reason).toBe("tool_calls");
    expect(call?.type === "function" && call.function.name).toBe("weather");
    expect(JSON.parse(call?.type === "function" ? call.function.arguments : "{}")).toHaveProperty("location");
    expect((upstream.requests.at(-1)!.body as { tools: unknown }).tools).toEqual(tools);

    const stream = await client.chat.completions.create({ model: "openai/gpt-4o-mini", messages: scenario("fake-tools"), tools, stream: true });
    let name = "";
    let args = "";
    let finish: string | null = null;
    for await (const chunk of stream) {
      for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
        name += delta.function?.name ?? "";
        args += delta.function?.arguments ?? "";
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(name).toBe("weather");
    expect(JSON.parse(args)).toHaveProperty("location");
    expect(finish).toBe("tool_calls");
  });

  it("serves the simulated provider's models, free ones without credits", async () => {
    const completion = await client.chat.completions.create({ model: "simulated/swift-mini", messages: [{ role: "user", content: "Hello" }] });
    expect(completion.choices[0]?.message.content?.length).toBeGreaterThan(0);
    expect((completion as unknown as { provider: string }).provider).toBe("Simulated");

    const brokeKey = app.createKey({ email: "free@example.com" });
    const brokeClient = new OpenAI({ baseURL: app.baseUrl, apiKey: brokeKey, maxRetries: 0 });
    const free = await brokeClient.chat.completions.create({ model: "simulated/scout:free", messages: [{ role: "user", content: "Hi" }] });
    expect((free.usage as unknown as { cost: number }).cost).toBe(0);
  });

  it("records a client abort mid-stream as cancelled, with the usage it had, and aborts the upstream", async () => {
    const controller = new AbortController();
    const closedBefore = upstream.closedEarly;
    const { data: stream, response } = await client.chat.completions
      .create({ model: "openai/gpt-4o-mini", messages: scenario("fake-slow"), stream: true }, { signal: controller.signal })
      .withResponse();
    const generationId = response.headers.get("x-generation-id")!;
    let received = 0;
    // The SDK ends the iteration quietly (or throws, depending on timing) once aborted.
    await (async () => {
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta.content) received++;
        if (received === 3) controller.abort();
      }
    })().catch(() => undefined);
    expect(received).toBe(3);

    const generation = await getGeneration(generationId);
    expect(generation.body.data).toMatchObject({ cancelled: true, streamed: true, status: "cancelled", usage_estimated: true });
    expect(generation.body.data.tokens_completion as number).toBeGreaterThan(0);
    expect(generation.body.data.tokens_prompt as number).toBeGreaterThan(0);
    expect(generation.body.data.total_cost as number).toBeGreaterThan(0);
    await expect.poll(() => upstream.closedEarly, { timeout: 5_000 }).toBeGreaterThan(closedBefore);
  });

  it("delivers an upstream error mid-stream as an SSE error event and records it", async () => {
    const { data: stream, response } = await client.chat.completions
      .create({ model: "openai/gpt-4o-mini", messages: scenario("fake-midstream-error"), stream: true })
      .withResponse();
    const generationId = response.headers.get("x-generation-id")!;
    let text = "";
    await expect(
      (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
      })(),
    ).rejects.toBeInstanceOf(APIError);
    expect(text.length).toBeGreaterThan(0);

    const generation = await getGeneration(generationId);
    expect(generation.body.data).toMatchObject({ status: "error", streamed: true, cancelled: false });
  });

  it("shows the raw SSE error event and no [DONE] after it", async () => {
    const response = await fetch(`${app.baseUrl}/chat/completions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ model: "openai/gpt-4o-mini", messages: scenario("fake-midstream-drop"), stream: true }),
    });
    expect(response.status).toBe(200);
    const body = await response.text();
    const events = body.split("\n\n").filter((event) => event.startsWith("data: "));
    const last = events.at(-1)!;
    expect(last).not.toBe("data: [DONE]");
    const payload = JSON.parse(last.slice(6)) as { error: { message: string; code: number } };
    expect(payload.error.code).toBe(502);
    expect(payload.error.message.length).toBeGreaterThan(0);
  });
});

describe("errors in OpenAI's shape with OpenRouter's statuses", () => {
  it("400 names the bad field", async () => {
    const error = await client.chat.completions
      .create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: 42 as unknown as string }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as APIError).message).toContain("messages[0].content");

    const malformed = await fetch(`${app.baseUrl}/chat/completions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
      body: "{not json",
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { type: "invalid_request_error" } });
  });

  it("401 for a missing or unknown key", async () => {
    const stranger = new OpenAI({ baseURL: app.baseUrl, apiKey: "sk-sy-v1-nope", maxRetries: 0 });
    await expect(stranger.chat.completions.create({ model: "openai/gpt-4o-mini", messages: scenario("fake-text") })).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
    const anonymous = await fetch(`${app.baseUrl}/chat/completions`, { method: "POST", body: "{}" });
    expect(anonymous.status).toBe(401);
  });

  it("402 when a paid model is asked for without credits", async () => {
    const brokeKey = app.createKey({ email: "broke@example.com" });
    const broke = new OpenAI({ baseURL: app.baseUrl, apiKey: brokeKey, maxRetries: 0 });
    const error = await broke.chat.completions.create({ model: "openai/gpt-4o-mini", messages: scenario("fake-text") }).catch((caught: unknown) => caught);
    expect((error as APIError).status).toBe(402);
  });

  it("404 for an unknown model", async () => {
    const error = await client.chat.completions.create({ model: "nobody/nothing", messages: scenario("fake-text") }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as APIError).code).toBe("model_not_found");
  });

  it("502 when the upstream fails, 429 with Retry-After when it rate-limits, and both are recorded", async () => {
    const failed = await fetch(`${app.baseUrl}/chat/completions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ model: "openai/gpt-4o-mini", messages: scenario("fake-error-500") }),
    });
    expect(failed.status).toBe(502);
    expect(await failed.json()).toMatchObject({ error: { type: "upstream_error" } });
    const failedId = failed.headers.get("x-generation-id");
    if (failedId) expect((await getGeneration(failedId)).body.data).toMatchObject({ status: "error" });

    const limited = await fetch(`${app.baseUrl}/chat/completions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ model: "openai/gpt-4o-mini", messages: scenario("fake-error-429") }),
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("404 in OpenAI's shape for an unknown API path", async () => {
    const response = await fetch(`${app.baseUrl}/does-not-exist`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { type: "not_found_error" } });
  });
});

describe("GET /api/v1/models and /generation", () => {
  it("lists routable models in OpenRouter's schema", async () => {
    const response = await fetch(`${app.baseUrl}/models`);
    const body = (await response.json()) as { data: Array<Record<string, unknown>> };
    const ids = body.data.map((model) => model.id);
    expect(ids).toContain("openai/gpt-4o-mini");
    expect(ids).toContain("simulated/swift-mini");
    const model = body.data.find((entry) => entry.id === "openai/gpt-4o-mini")!;
    expect(model).toMatchObject({
      name: expect.any(String),
      context_length: expect.any(Number),
      pricing: { prompt: "0.00000015", completion: "0.0000006" },
      supported_parameters: expect.arrayContaining(["tools"]),
    });
  });

  it("lists a model's endpoints with price, limits and what was observed of them", async () => {
    const response = await fetch(`${app.baseUrl}/models/openai/gpt-4o-mini/endpoints`);
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: { id: string; endpoints: Array<Record<string, unknown>> } };
    expect(data.id).toBe("openai/gpt-4o-mini");
    expect(data.endpoints).toEqual([
      expect.objectContaining({
        provider_name: "OpenAI",
        context_length: expect.any(Number),
        pricing: expect.objectContaining({ prompt: "0.00000015", completion: "0.0000006" }),
        uptime_last_30m: expect.any(Number),
        latency_ms: expect.any(Number),
      }),
    ]);
    expect((await fetch(`${app.baseUrl}/models/nobody/nothing/endpoints`)).status).toBe(404);
  });

  it("never shows one user another user's generation", async () => {
    const completion = await client.chat.completions.create({ model: "simulated/swift-mini", messages: [{ role: "user", content: "mine" }] });
    const otherKey = app.createKey({ email: "mallory@example.com", credits: "1" });
    const response = await fetch(`${app.baseUrl}/generation?id=${completion.id}`, { headers: { Authorization: `Bearer ${otherKey}` } });
    expect(response.status).toBe(404);
  });
});
