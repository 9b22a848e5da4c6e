import OpenAI, { APIError } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from "@/lib/testing/fake-openai-upstream";
import { startApp, type RunningApp } from "../support/start-app";

// openai/gpt-4o-mini is served by OpenAI and by OpenRouter at the same price; provider.order puts OpenAI first.
const order = { order: ["openai", "openrouter"] };
type Params = OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming;
type StreamParams = OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming;
let down: FakeOpenAIUpstream;
let up: FakeOpenAIUpstream;
let app: RunningApp;
let client: OpenAI;
let apiKey: string;

beforeAll(async () => {
  [down, up] = await Promise.all([startFakeOpenAIUpstream({ forceScenario: "fake-error-500" }), startFakeOpenAIUpstream({ forceScenario: "fake-text" })]);
  app = await startApp({
    env: { OPENAI_API_KEY: "sk-a", OPENAI_BASE_URL: down.url, OPENROUTER_API_KEY: "sk-b", OPENROUTER_BASE_URL: up.url, SIMULATED_PROVIDER: "off" },
  });
  apiKey = app.createKey({ email: "fallback@example.com", credits: "5" });
  client = new OpenAI({ baseURL: app.baseUrl, apiKey, maxRetries: 0 });
});

afterAll(async () => {
  await app?.stop();
  await Promise.all([down?.close(), up?.close()]);
});

describe("fallback over HTTP", () => {
  it("serves from the second provider when the first answers 500, whole and streamed, and records both", async () => {
    const { data, response } = await client.chat.completions.create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], provider: order } as Params).withResponse();
    expect((data as unknown as { provider: string }).provider).toBe("OpenRouter");
    const record = (await (
      await fetch(`${app.baseUrl}/generation?id=${response.headers.get("x-generation-id")}`, { headers: { Authorization: `Bearer ${apiKey}` } })
    ).json()) as { data: { provider_name: string; provider_responses: Array<{ provider_name: string; status: number }> } };
    expect(record.data.provider_name).toBe("OpenRouter");
    expect(record.data.provider_responses.map((entry) => [entry.provider_name, entry.status])).toEqual([
      ["openai", 500],
      ["OpenRouter", 200],
    ]);

    const downBefore = down.requestCount;
    const stream = await client.chat.completions.create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], stream: true, provider: order } as StreamParams);
    const providers = new Set<string>();
    let text = "";
    for await (const chunk of stream) {
      providers.add((chunk as unknown as { provider: string }).provider);
      text += chunk.choices[0]?.delta.content ?? "";
    }
    expect([...providers]).toEqual(["OpenRouter"]);
    expect(text.length).toBeGreaterThan(100);
    expect(down.requestCount).toBe(downBefore + 1);
  });

  it("stays with the first provider when allow_fallbacks is false", async () => {
    const upBefore = up.requestCount;
    const error = await client.chat.completions
      .create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], provider: { order: ["openai"], allow_fallbacks: false } } as Params)
      .catch((caught: unknown) => caught);
    expect((error as APIError).status).toBe(502);
    expect(up.requestCount).toBe(upBefore);
  });
});
