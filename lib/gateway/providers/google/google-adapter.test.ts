import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { collect } from "../../../testing/collect-chunks";
import { createReplayServer, respondJson, type ReplayHandler } from "../../../testing/replay-server";
import { UpstreamError } from "../../errors";
import { openAICompatibleProviders } from "../openai-compatible";
import type { ProviderAdapter, UpstreamChatRequest } from "../provider";
import { createGoogleProvider } from "./google-adapter";

function readFixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");
}
const readJson = (name: string): unknown => JSON.parse(readFixture(name)) as unknown;
const readChunks = (name: string): unknown[] =>
  readFixture(name)
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as unknown);

const API_KEY = "AIzaSyTest-secret-key-0123456789abcdef";

let handler: ReplayHandler;
const replay = createReplayServer((request, response) => handler(request, response));
const { recorded } = replay;
let origin: string;

beforeAll(async () => {
  origin = await replay.listen();
});

afterAll(() => replay.close());

beforeEach(() => {
  replay.reset();
  handler = (_request, response) => response.writeHead(500).end("no handler set");
});

const config = openAICompatibleProviders.find((provider) => provider.id === "google-ai-studio");
if (!config) throw new Error("google-ai-studio is not configured");

function createAdapter(): ProviderAdapter {
  return createGoogleProvider(config!, { apiKey: API_KEY, baseUrl: `${origin}/` });
}

const request: UpstreamChatRequest = { model: "gemini-2.5-flash", messages: [{ role: "user", content: "How many r's in strawberry?" }] };
const options = (): { signal: AbortSignal } => ({ signal: new AbortController().signal });

function respondSse(events: unknown[]): ReplayHandler {
  return (_request, response) => {
    response.writeHead(200, { "content-type": "text/event-stream" });
    for (const event of events) response.write(`data: ${JSON.stringify(event)}\r\n\r\n`);
    response.end();
  };
}

async function catchError(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

describe("createGoogleProvider", () => {
  it("is Google AI Studio and lists the configured Gemini models", async () => {
    const adapter = createAdapter();
    expect(adapter).toMatchObject({ id: "google-ai-studio", name: "Google AI Studio" });
    const models = await adapter.listModels();
    expect(models).toEqual(config!.models);
    expect(models.map((model) => model.id)).toEqual(expect.arrayContaining(["google/gemini-2.5-flash", "google/gemini-2.5-pro"]));
    expect(models.find((model) => model.id === "google/gemini-2.5-flash")).toMatchObject({
      providerModelId: "gemini-2.5-flash",
      pricing: { promptPerMillion: 300_000, completionPerMillion: 2_500_000, cacheReadPerMillion: expect.any(Number) },
    });
  });
});

describe("createGoogleProvider: generate", () => {
  it("posts generateContent with the key in a header, and returns text with thinking tokens in usage", async () => {
    handler = respondJson(200, readJson("google-text.json"));
    const completion = await createAdapter().createChatCompletion({ ...request, temperature: 0.5 }, options());

    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.url).toBe("/v1beta/models/gemini-2.5-flash:generateContent");
    expect(recorded[0]?.headers["x-goog-api-key"]).toBe(API_KEY);
    expect(recorded[0]?.headers["content-type"]).toBe("application/json");
    expect(recorded[0]?.body).toEqual({
      contents: [{ role: "user", parts: [{ text: "How many r's in strawberry?" }] }],
      generationConfig: { temperature: 0.5 },
    });

    expect(completion).toEqual({
      id: "chatcmpl-Un6LacrVMcjUxs0PmJfWoQc",
      object: "chat.completion",
      created: expect.any(Number) as number,
      model: "gemini-3-pro-preview",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y." },
          finish_reason: "stop",
        },
      ],
      usage: {
        prompt_tokens: 9,
        completion_tokens: 272,
        total_tokens: 281,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 244 },
      },
    });
  });

  it("returns a tool call with a deterministic id carrying the thought signature", async () => {
    handler = respondJson(200, readJson("google-tool-call.json"));
    const completion = await createAdapter().createChatCompletion(request, options());
    expect(completion.choices[0]?.finish_reason).toBe("tool_calls");
    expect(completion.choices[0]?.message).toEqual({
      role: "assistant",
      content: null,
      tool_calls: [
        {
          id: "call_m36LaZGyCLz1xs0PtNSB-QU_0__thought__EskgCsYgAb4+9vtF7/499YQS2bjZs3xcQI+iAl+ILn29nK1j0Kg6su7QsUUUk3nrAAfnS2w5WiVvlcCqu9fAebJ2cvfaEyBahEt5",
          type: "function",
          function: { name: "weather", arguments: '{"location":"San Francisco"}' },
        },
      ],
    });
  });

  it("returns several function calls of one reply as tool calls 0..n, with the thought summary as reasoning", async () => {
    handler = respondJson(200, readJson("google-parallel-tool-calls.json"));
    const completion = await createAdapter().createChatCompletion(request, options());
    const message = completion.choices[0]?.message;
    expect(message?.reasoning).toBe("Checking both cities.");
    expect(message?.content).toBeNull();
    expect(message?.tool_calls).toEqual([
      { id: "call_parallel123_0__thought__c2lnbmF0dXJlLW9uZQ==", type: "function", function: { name: "weather", arguments: '{"location":"Paris"}' } },
      { id: "call_parallel123_1", type: "function", function: { name: "weather", arguments: '{"location":"London"}' } },
      { id: "call_parallel123_2", type: "function", function: { name: "time", arguments: "{}" } },
    ]);
    expect(completion.choices[0]?.finish_reason).toBe("tool_calls");
    expect(completion.usage).toMatchObject({ prompt_tokens: 40, completion_tokens: 80, completion_tokens_details: { reasoning_tokens: 50 } });
  });

  it("reports implicitly cached prompt tokens", async () => {
    handler = respondJson(200, readJson("firebase-vertexai-unary-success-implicit-caching.json"));
    const completion = await createAdapter().createChatCompletion(request, options());
    expect(completion.id).toMatch(/^chatcmpl-[0-9a-f]{32}$/);
    expect(completion.choices[0]?.message.content).toBe("Red Riding Hood is looking for **directions** in the forest.");
    expect(completion.usage).toEqual({
      prompt_tokens: 12013,
      completion_tokens: 88,
      total_tokens: 12101,
      prompt_tokens_details: { cached_tokens: 11243 },
      completion_tokens_details: { reasoning_tokens: 73 },
    });
  });

  it("maps MAX_TOKENS to length and sends maxOutputTokens", async () => {
    handler = respondJson(200, readJson("pydantic-ai-test_google_model_max_tokens.json"));
    const completion = await createAdapter().createChatCompletion({ ...request, max_tokens: 5 }, options());
    expect(recorded[0]?.body).toMatchObject({ generationConfig: { maxOutputTokens: 5 } });
    expect(completion.choices[0]).toMatchObject({ message: { content: "The capital of France is" }, finish_reason: "length" });
  });

  it("answers a blocked prompt with content_filter", async () => {
    handler = respondJson(200, { promptFeedback: { blockReason: "SAFETY" }, usageMetadata: { promptTokenCount: 5, totalTokenCount: 5 } });
    const completion = await createAdapter().createChatCompletion(request, options());
    expect(completion.choices[0]).toMatchObject({ message: { content: null }, finish_reason: "content_filter" });
  });

  it("sends the thought signature back on the functionCall part in the next turn", async () => {
    handler = respondJson(200, readJson("google-tool-call.json"));
    const adapter = createAdapter();
    const tools: UpstreamChatRequest["tools"] = [
      { type: "function", function: { name: "weather", parameters: { type: "object", properties: { location: { type: "string" } } } } },
    ];
    const first = await adapter.createChatCompletion({ ...request, tools }, options());
    const toolCall = first.choices[0]?.message.tool_calls?.[0];
    if (!toolCall) throw new Error("no tool call");

    handler = respondJson(200, readJson("google-text.json"));
    await adapter.createChatCompletion(
      {
        ...request,
        tools,
        messages: [
          ...request.messages,
          // What an OpenAI client sends back: only the standard fields.
          { role: "assistant", content: null, tool_calls: [{ id: toolCall.id, type: "function", function: toolCall.function }] },
          { role: "tool", tool_call_id: toolCall.id, content: '{"temperature":"18C"}' },
        ],
      },
      options(),
    );
    expect(recorded[1]?.body).toEqual({
      contents: [
        { role: "user", parts: [{ text: "How many r's in strawberry?" }] },
        {
          role: "model",
          parts: [
            {
              functionCall: { name: "weather", args: { location: "San Francisco" } },
              thoughtSignature: "EskgCsYgAb4+9vtF7/499YQS2bjZs3xcQI+iAl+ILn29nK1j0Kg6su7QsUUUk3nrAAfnS2w5WiVvlcCqu9fAebJ2cvfaEyBahEt5",
            },
          ],
        },
        { role: "user", parts: [{ functionResponse: { name: "weather", response: { temperature: "18C" } } }] },
      ],
      tools: [{ functionDeclarations: [{ name: "weather", parameters: { type: "object", properties: { location: { type: "string" } } } }] }],
    });
  });

  it("refuses an unsupported field before calling Gemini", async () => {
    const error = await catchError(createAdapter().createChatCompletion({ ...request, logprobs: true }, options()));
    expect(error).toMatchObject({ status: 400, param: "logprobs", code: "unsupported_parameter" });
    expect(recorded).toHaveLength(0);
  });
});

describe("createGoogleProvider: stream", () => {
  it("posts streamGenerateContent?alt=sse and yields text chunks, then a usage chunk with thinking tokens", async () => {
    handler = respondSse(readChunks("google-text.chunks.txt"));
    const chunks = await collect(await createAdapter().streamChatCompletion(request, options()));

    expect(recorded[0]?.url).toBe("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
    expect(recorded[0]?.headers["x-goog-api-key"]).toBe(API_KEY);
    expect(recorded[0]?.body).toEqual({ contents: [{ role: "user", parts: [{ text: "How many r's in strawberry?" }] }] });

    expect(chunks.map((chunk) => chunk.choices)).toEqual([
      [{ index: 0, delta: { role: "assistant", content: "There are **3**" }, finish_reason: null }],
      [{ index: 0, delta: { content: ' "r"s in strawberry.\n\nst**r**awbe**rr**y' }, finish_reason: null }],
      [{ index: 0, delta: {}, finish_reason: "stop" }],
      [],
    ]);
    expect(new Set(chunks.map((chunk) => chunk.id))).toEqual(new Set(["chatcmpl-bH6LaZW8Fp_3nsEPqtaSwQ4"]));
    expect(chunks[0]).toMatchObject({ object: "chat.completion.chunk", model: "gemini-3-pro-preview" });
    expect(chunks.at(-1)?.usage).toEqual({
      prompt_tokens: 9,
      completion_tokens: 208,
      total_tokens: 217,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 185 },
    });
  });

  it("yields a streamed function call as one complete tool-call delta", async () => {
    handler = respondSse(readChunks("google-tool-call.chunks.txt"));
    const chunks = await collect(await createAdapter().streamChatCompletion(request, options()));
    expect(chunks[0]?.choices[0]?.delta.tool_calls).toEqual([
      {
        index: 0,
        id: expect.stringMatching(/^call_b36LacjwM668nsEP2tbsgQQ_0__thought__EqUCCqICAb4\+9vsh/) as string,
        type: "function",
        function: { name: "weather", arguments: '{"location":"San Francisco"}' },
      },
    ]);
    expect(chunks[1]?.choices[0]).toEqual({ index: 0, delta: {}, finish_reason: "tool_calls" });
    expect(chunks[2]).toMatchObject({ choices: [], usage: { prompt_tokens: 29, completion_tokens: 60 } });
  });

  it("yields thought parts as reasoning deltas", async () => {
    handler = respondSse(readChunks("google-reasoning.chunks.txt"));
    const chunks = await collect(await createAdapter().streamChatCompletion({ ...request, reasoning: { effort: "low" } }, options()));
    expect(recorded[0]?.body).toMatchObject({ generationConfig: { thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } } });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta)).toEqual([
      { role: "assistant", reasoning: "**Counting letters**\n\nI spell out strawberry." },
      { content: "There are 3 r's." },
      undefined,
    ]);
    expect(chunks.at(-1)?.usage).toMatchObject({ completion_tokens: 107, completion_tokens_details: { reasoning_tokens: 100 } });
  });

  it("replays a raw recorded SSE stream byte for byte", async () => {
    const raw = readFixture("firebase-googleai-streaming-success-basic-reply-short.sse.txt");
    handler = (_request, response) => response.writeHead(200, { "content-type": "text/event-stream" }).end(raw);
    const chunks = await collect(await createAdapter().streamChatCompletion(request, options()));
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("The capital of Wyoming is **Cheyenne**.\n");
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("stop");
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 10, total_tokens: 17 });
  });

  it("fails a stream cut off before a finish reason", async () => {
    handler = respondSse(readChunks("google-text.chunks.txt").slice(0, 1));
    const stream = await createAdapter().streamChatCompletion(request, options());
    const error = await catchError(collect(stream));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ upstreamStatus: undefined, isRetryable: true });
  });

  it("turns an error event inside the stream into an UpstreamError", async () => {
    handler = respondSse([readChunks("google-text.chunks.txt")[0], readJson("google-429-retry-info.json")]);
    const error = await catchError(collect(await createAdapter().streamChatCompletion(request, options())));
    expect(error).toMatchObject({ upstreamStatus: 429, retryAfterSeconds: 35, isRetryable: true });
  });
});

describe("createGoogleProvider: errors", () => {
  it("maps 429 RESOURCE_EXHAUSTED to a retryable error with RetryInfo's delay", async () => {
    handler = respondJson(429, readJson("google-429-retry-info.json"));
    const error = await catchError(createAdapter().createChatCompletion(request, options()));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({
      message: "Google AI Studio returned 429 RESOURCE_EXHAUSTED: You exceeded your current quota, please check your plan.",
      status: 429,
      upstreamStatus: 429,
      retryAfterSeconds: 35,
      isRetryable: true,
      providerId: "google-ai-studio",
    });
  });

  it("does not blame the client for the gateway's bad key, nor echo the key", async () => {
    handler = respondJson(400, readJson("firebase-googleai-unary-failure-api-key.json"));
    const error = await catchError(createAdapter().streamChatCompletion(request, options()));
    expect(error).toMatchObject({
      message: "Google AI Studio returned 400 INVALID_ARGUMENT: API key not valid. Please pass a valid API key.",
      status: 502,
      upstreamStatus: 401,
      metadata: { reason: "API_KEY_INVALID" },
    });
    expect(JSON.stringify(error)).not.toContain("key1234");
  });

  it.each([
    [400, "INVALID_ARGUMENT", 400, false],
    [403, "PERMISSION_DENIED", 502, false],
    [404, "NOT_FOUND", 502, false],
    [500, "INTERNAL", 502, true],
    [503, "UNAVAILABLE", 502, true],
  ])("maps %i %s to client status %i (retryable: %s)", async (status, code, clientStatus, retryable) => {
    handler = respondJson(status, { error: { code: status, message: `failed with ${API_KEY} inside`, status: code } });
    const error = await catchError(createAdapter().createChatCompletion(request, options()));
    expect(error).toMatchObject({ status: clientStatus, upstreamStatus: status, isRetryable: retryable });
    expect((error as Error).message).toBe(`Google AI Studio returned ${status} ${code}: failed with [redacted] inside`);
  });

  it("releases the connection when the consumer stops early", async () => {
    let closed!: Promise<void>;
    handler = (request, response) => {
      closed = new Promise((resolve) => request.socket.once("close", () => resolve()));
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write(`data: ${JSON.stringify(readChunks("google-text.chunks.txt")[0])}\n\n`);
      // Never ends: only the client can close it.
    };
    const stream = await createAdapter().streamChatCompletion(request, options());
    for await (const chunk of stream) {
      expect(chunk.choices[0]?.delta.content).toBe("There are **3**");
      break;
    }
    await closed;
  });
});
