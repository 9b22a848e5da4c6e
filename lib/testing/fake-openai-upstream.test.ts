import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatCompletionChunk } from "../gateway/chat-types";
import { UpstreamError } from "../gateway/errors";
import { createOpenAICompatibleAdapter } from "../gateway/providers/openai-compatible";
import type { ProviderAdapter, UpstreamChatRequest } from "../gateway/providers/provider";
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from "./fake-openai-upstream";

const fixtureText = (
  JSON.parse(readFileSync(new URL("../gateway/providers/openai-compatible/__fixtures__/openai-text.json", import.meta.url), "utf8")) as {
    choices: Array<{ message: { content: string } }>;
  }
).choices[0]?.message.content;

let upstream: FakeOpenAIUpstream;
let adapter: ProviderAdapter;

beforeAll(async () => {
  upstream = await startFakeOpenAIUpstream({ slowIntervalMilliseconds: 20 });
  adapter = createOpenAICompatibleAdapter({ id: "openai", name: "OpenAI", baseUrl: upstream.url, apiKey: "sk-fake", listModels: async () => [] });
});

afterAll(async () => {
  await upstream.close();
});

const signal = new AbortController().signal;

function ask(model: string, extra: Record<string, unknown> = {}): UpstreamChatRequest {
  return { model, messages: [{ role: "user", content: "Say something." }], ...extra } as UpstreamChatRequest;
}

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

async function rawStream(body: unknown): Promise<unknown[]> {
  const response = await fetch(`${upstream.url}/chat/completions`, { method: "POST", body: JSON.stringify(body) });
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((event) => event.startsWith("data: ") && event !== "data: [DONE]")
    .map((event) => JSON.parse(event.slice(6)) as unknown);
}

describe("startFakeOpenAIUpstream", () => {
  it("answers fake-text with the recorded completion", async () => {
    const completion = await adapter.createChatCompletion(ask("fake-text"), { signal });
    expect(completion.choices[0]?.message.content).toBe(fixtureText);
    expect(completion.usage).toMatchObject({ prompt_tokens: 16, completion_tokens: 363 });
  });

  it("streams fake-text with the same text and the usage last", async () => {
    const chunks = await collect(await adapter.streamChatCompletion(ask("fake-text"), { signal }));
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe(fixtureText);
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 16, completion_tokens: 363, total_tokens: 379 });
  });

  it("sends no usage when the stream did not ask for it", async () => {
    const events = await rawStream({ model: "fake-text", messages: [], stream: true });
    expect(events.length).toBeGreaterThan(10);
    expect(events.every((event) => !(event as Record<string, unknown>).hasOwnProperty("usage"))).toBe(true);
  });

  it("picks the scenario from a [scenario:name] marker whatever the model", async () => {
    const request = { model: "gpt-4o-mini", messages: [{ role: "user", content: "[scenario:fake-error-500] Hello" }] } as UpstreamChatRequest;
    const error = await adapter.createChatCompletion(request, { signal }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ upstreamStatus: 500 });
    expect((upstream.requests.at(-1)?.body as { model: string }).model).toBe("gpt-4o-mini");
  });

  it("answers fake-tools with a tool call, whole and streamed in pieces", async () => {
    const completion = await adapter.createChatCompletion(ask("fake-tools"), { signal });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(call?.function.name).toBe("weather");
    expect(JSON.parse(call?.function.arguments ?? "")).toEqual({ location: "San Francisco, CA" });

    const chunks = await collect(await adapter.streamChatCompletion(ask("fake-tools"), { signal }));
    const deltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((delta) => delta.function?.name ?? "").join("")).toBe("weather");
    expect(JSON.parse(deltas.map((delta) => delta.function?.arguments ?? "").join(""))).toEqual({ location: "San Francisco, CA" });
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 210, completion_tokens: 15 });
  });

  it("fails fake-error-* with OpenAI's error bodies", async () => {
    const failure = (model: string) => adapter.createChatCompletion(ask(model), { signal }).catch((caught: unknown) => caught);
    expect(await failure("fake-error-500")).toMatchObject({ upstreamStatus: 500, isRetryable: true });
    expect(await failure("fake-error-429")).toMatchObject({ upstreamStatus: 429, status: 429, retryAfterSeconds: 1 });
    const unauthorized = await failure("fake-error-401");
    expect(unauthorized).toMatchObject({ upstreamStatus: 401, isRetryable: false });
    expect((unauthorized as Error).message).not.toContain("sk-upstr");
    expect(await failure("no-such-model")).toMatchObject({ upstreamStatus: 404 });
  });

  it("sends fake-midstream-error's error event after a few chunks", async () => {
    const chunks: ChatCompletionChunk[] = [];
    const error = await (async () => {
      for await (const chunk of await adapter.streamChatCompletion(ask("fake-midstream-error"), { signal })) chunks.push(chunk);
    })().catch((caught: unknown) => caught);
    expect(chunks.length).toBeGreaterThan(1);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ upstreamStatus: 502 });
  });

  it("drops the connection in fake-midstream-drop without counting it as the client's", async () => {
    const closedBefore = upstream.closedEarly;
    const chunks: ChatCompletionChunk[] = [];
    const error = await (async () => {
      for await (const chunk of await adapter.streamChatCompletion(ask("fake-midstream-drop"), { signal })) chunks.push(chunk);
    })().catch((caught: unknown) => caught);
    expect(chunks.length).toBeGreaterThan(1);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ upstreamStatus: undefined });
    expect(upstream.closedEarly).toBe(closedBefore);
  });

  it("streams fake-slow with usage at the end", async () => {
    const chunks = await collect(await adapter.streamChatCompletion(ask("fake-slow"), { signal }));
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content?.startsWith("tick"))).toHaveLength(50);
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 150 });
  });

  it("counts a client that goes away from fake-slow", async () => {
    const closedBefore = upstream.closedEarly;
    const controller = new AbortController();
    let received = 0;
    const error = await (async () => {
      for await (const chunk of await adapter.streamChatCompletion(ask("fake-slow"), { signal: controller.signal })) {
        if (chunk.choices[0]?.delta.content) received++;
        if (received === 3) controller.abort();
      }
    })().catch((caught: unknown) => caught);
    expect((error as Error).name).toBe("AbortError");
    await expect.poll(() => upstream.closedEarly, { timeout: 2_000 }).toBe(closedBefore + 1);
  });

  it("lists its scenarios as models and records every request", async () => {
    const before = upstream.requestCount;
    const response = await fetch(`${upstream.url}/models`);
    const list = (await response.json()) as { data: Array<{ id: string }> };
    expect(list.data.map((model) => model.id)).toContain("fake-text");
    expect(upstream.requestCount).toBe(before + 1);
    expect(upstream.requests.at(-1)).toMatchObject({ method: "GET", path: "/v1/models", body: undefined });

    await adapter.createChatCompletion(ask("fake-text", { custom: 1 }), { signal });
    expect(upstream.requests.at(-1)).toMatchObject({
      method: "POST",
      path: "/v1/chat/completions",
      headers: { authorization: "Bearer sk-fake" },
      body: { model: "fake-text", custom: 1 },
    });
  });
});
