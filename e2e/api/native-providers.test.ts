import { readFileSync } from "node:fs";
import path from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeAnthropicUpstream, startFakeGoogleUpstream, type FakeNativeUpstream } from "@/lib/testing/fake-native-upstreams";
import { startApp, type RunningApp } from "../support/start-app";

const PROVIDERS = path.resolve(import.meta.dirname, "../../lib/gateway/providers");
const read = (provider: string, name: string) => readFileSync(path.join(PROVIDERS, provider, "__fixtures__", name), "utf8");
const jsonLines = (text: string) => text.split("\n").filter((line) => line.trim()).map((line) => JSON.parse(line) as Record<string, unknown>);

// What the recordings say, so the expectations are the providers' own words.
const anthropicText = (JSON.parse(read("anthropic", "anthropic-text.json")) as { content: Array<{ text: string }> }).content[0]!.text;
const anthropicStreamedText = jsonLines(read("anthropic", "anthropic-text.chunks.txt"))
  .map((event) => ((event.delta as { text?: string } | undefined)?.text ?? ""))
  .join("");
const googleResponse = JSON.parse(read("google", "google-text.json")) as {
  candidates: Array<{ content: { parts: Array<{ text?: string; thought?: boolean }> } }>;
  usageMetadata: { promptTokenCount: number; candidatesTokenCount: number; thoughtsTokenCount: number };
};
const googleText = googleResponse.candidates[0]!.content.parts.filter((part) => !part.thought).map((part) => part.text ?? "").join("");
const googleStreamedText = jsonLines(read("google", "google-text.chunks.txt"))
  .flatMap((chunk) => (chunk.candidates as Array<{ content?: { parts?: Array<{ text?: string; thought?: boolean }> } }>) ?? [])
  .flatMap((candidate) => candidate.content?.parts ?? [])
  .filter((part) => !part.thought)
  .map((part) => part.text ?? "")
  .join("");

const weatherTool: OpenAI.Chat.Completions.ChatCompletionTool = {
  type: "function",
  function: { name: "weather", parameters: { type: "object", properties: { location: { type: "string" } }, required: ["location"] } },
};

let anthropic: FakeNativeUpstream;
let google: FakeNativeUpstream;
let app: RunningApp;
let client: OpenAI;
let apiKey: string;

beforeAll(async () => {
  [anthropic, google] = await Promise.all([startFakeAnthropicUpstream(), startFakeGoogleUpstream()]);
  app = await startApp({
    env: {
      ANTHROPIC_API_KEY: "sk-ant-test",
      ANTHROPIC_BASE_URL: anthropic.origin,
      GEMINI_API_KEY: "gemini-test-key",
      GEMINI_BASE_URL: google.origin,
      SIMULATED_PROVIDER: "off",
    },
  });
  apiKey = app.createKey({ email: "native@example.com", credits: "10" });
  client = new OpenAI({ baseURL: app.baseUrl, apiKey, maxRetries: 0 });
});

afterAll(async () => {
  await app?.stop();
  await Promise.all([anthropic?.close(), google?.close()]);
});

async function streamText(model: string, extra: Partial<OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming> = {}) {
  const stream = await client.chat.completions.create({ model, messages: [{ role: "user", content: "Hi" }], stream: true, ...extra });
  let text = "";
  let usage: OpenAI.CompletionUsage | undefined;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? "";
    usage = chunk.usage ?? usage;
  }
  return { text, usage };
}

describe("the openai SDK through the native Anthropic adapter", () => {
  it("generates and streams Claude's recorded answer, speaking Messages upstream", async () => {
    const completion = await client.chat.completions.create({
      model: "anthropic/claude-sonnet-4.5",
      messages: [
        { role: "system", content: "Be kind." },
        { role: "user", content: "Hi" },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe(anthropicText);
    expect((completion as unknown as { provider: string }).provider).toBe("Anthropic");
    const sent = anthropic.requests.at(-1)!;
    expect(sent.path).toBe("/v1/messages");
    expect(sent.headers["x-api-key"]).toBe("sk-ant-test");
    expect(sent.headers["anthropic-version"]).toBeTruthy();
    expect(sent.body).toMatchObject({ system: "Be kind.", messages: [{ role: "user" }], max_tokens: expect.any(Number) });

    const streamed = await streamText("anthropic/claude-sonnet-4.5");
    expect(streamed.text).toBe(anthropicStreamedText);
    expect(streamed.usage?.prompt_tokens).toBeGreaterThan(0);
    expect((streamed.usage as unknown as { cost: number }).cost).toBeGreaterThan(0);
  });

  it("returns Claude's tool_use as an OpenAI tool call", async () => {
    const completion = await client.chat.completions.create({
      model: "anthropic/claude-sonnet-4.5",
      messages: [{ role: "user", content: "[scenario:tool] Weather in SF?" }],
      tools: [weatherTool],
    });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(completion.choices[0]?.finish_reason).toBe("tool_calls");
    expect(call?.type === "function" && call.function.name).toBe("weather");
    expect(JSON.parse(call?.type === "function" ? call.function.arguments : "{}")).toEqual({ location: "San Francisco" });
    expect(anthropic.requests.at(-1)!.body).toMatchObject({ tools: [{ name: "weather", input_schema: { type: "object" } }] });
  });

  it("serves Claude to the Anthropic SDK through /messages", async () => {
    const anthropicClient = new Anthropic({ baseURL: `${app.origin}/api`, apiKey, maxRetries: 0 });
    const message = await anthropicClient.messages.create({ model: "anthropic/claude-sonnet-4.5", max_tokens: 200, messages: [{ role: "user", content: "Hi" }] });
    expect(message.content).toEqual([{ type: "text", text: anthropicText }]);
    const streamed = await anthropicClient.messages.stream({ model: "anthropic/claude-sonnet-4.5", max_tokens: 200, messages: [{ role: "user", content: "Hi" }] }).finalMessage();
    expect(streamed.content).toEqual([{ type: "text", text: anthropicStreamedText }]);
  });
});

describe("the Anthropic SDK through /messages to Claude, with tools", () => {
  it("returns Claude's tool_use whole and streamed, and sends the tool definitions on", async () => {
    const anthropicClient = new Anthropic({ baseURL: `${app.origin}/api`, apiKey, maxRetries: 0 });
    const tools: Anthropic.Tool[] = [{ name: "weather", input_schema: { type: "object", properties: { location: { type: "string" } }, required: ["location"] } }];
    const request = { model: "anthropic/claude-sonnet-4.5", max_tokens: 200, tools, messages: [{ role: "user" as const, content: "[scenario:tool] Weather in SF?" }] };
    const message = await anthropicClient.messages.create(request);
    expect(message.stop_reason).toBe("tool_use");
    expect(message.content.find((block) => block.type === "tool_use")).toMatchObject({ name: "weather", input: { location: "San Francisco" } });
    expect(anthropic.requests.at(-1)!.body).toMatchObject({ tools: [{ name: "weather", input_schema: { required: ["location"] } }] });

    const streamed = await anthropicClient.messages.stream(request).finalMessage();
    expect(streamed.stop_reason).toBe("tool_use");
    expect(streamed.content.find((block) => block.type === "tool_use")).toMatchObject({ name: "weather", input: { location: "San Francisco" } });
  });
});

describe("the openai SDK through the native Gemini adapter", () => {
  it("generates and streams Gemini's recorded answer with thinking tokens counted, speaking generateContent upstream", async () => {
    const completion = await client.chat.completions.create({ model: "google/gemini-2.5-flash", messages: [{ role: "user", content: "Hi" }] });
    expect(completion.choices[0]?.message.content).toBe(googleText);
    const usage = googleResponse.usageMetadata;
    expect(completion.usage).toMatchObject({
      prompt_tokens: usage.promptTokenCount,
      completion_tokens: usage.candidatesTokenCount + usage.thoughtsTokenCount,
      completion_tokens_details: { reasoning_tokens: usage.thoughtsTokenCount },
    });
    const sent = google.requests.at(-1)!;
    expect(sent.path).toMatch(/:generateContent$/);
    expect(sent.headers["x-goog-api-key"]).toBe("gemini-test-key");
    expect(sent.body).toMatchObject({ contents: [{ role: "user", parts: [{ text: "Hi" }] }] });

    const streamed = await streamText("google/gemini-2.5-flash");
    expect(streamed.text).toBe(googleStreamedText);
    expect(google.requests.at(-1)!.path).toMatch(/:streamGenerateContent\?alt=sse$/);
  });

  it("returns Gemini's functionCall as an OpenAI tool call", async () => {
    const completion = await client.chat.completions.create({
      model: "google/gemini-2.5-flash",
      messages: [{ role: "user", content: "[scenario:tool] Weather?" }],
      tools: [weatherTool],
    });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(completion.choices[0]?.finish_reason).toBe("tool_calls");
    expect(call?.type === "function" && call.function.name).toBe("weather");
    expect(google.requests.at(-1)!.body).toMatchObject({ tools: [{ functionDeclarations: [{ name: "weather" }] }] });
  });
});
