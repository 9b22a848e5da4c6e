import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { collect, collectUntilError, textOf } from "../../../testing/collect-chunks";
import { createReplayServer, findClosedPort, respondJson, type ReplayHandler } from "../../../testing/replay-server";
import type { ChatCompletionChunk } from "../../chat-types";
import { UpstreamError } from "../../errors";
import { openAICompatibleProviders } from "../openai-compatible";
import type { ProviderAdapter, UpstreamChatRequest } from "../provider";
import { createAnthropicProvider } from "./anthropic-adapter";

function readFixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");
}

function readJsonFixture(name: string): unknown {
  return JSON.parse(readFixture(name)) as unknown;
}

function readChunkFixture(name: string): unknown[] {
  return readFixture(name)
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as unknown);
}

const anthropicConfig = openAICompatibleProviders.find((provider) => provider.id === "anthropic");
if (!anthropicConfig) throw new Error("The anthropic provider config is missing.");
const config = anthropicConfig;

const API_KEY = "sk-ant-api03-test-secret-key-123456";

let handler: ReplayHandler;
const replay = createReplayServer((request, response) => handler(request, response));
const { recorded, socketCloses } = replay;
let origin: string;

beforeAll(async () => {
  origin = await replay.listen();
});

afterAll(() => replay.close());

beforeEach(() => {
  replay.reset();
  handler = (_request, response) => {
    response.writeHead(500).end("no handler set");
  };
});

function createAdapter(baseUrl: string = origin): ProviderAdapter {
  return createAnthropicProvider(config, { apiKey: API_KEY, baseUrl });
}

const request: UpstreamChatRequest = {
  model: "claude-sonnet-4-5",
  messages: [{ role: "user", content: "Hello, how are you?" }],
};

const weatherTool = {
  type: "function" as const,
  function: {
    name: "weather",
    description: "Get the weather in a location",
    parameters: { type: "object", properties: { location: { type: "string" } }, required: ["location"] },
  },
};

function options(signal: AbortSignal = new AbortController().signal): { signal: AbortSignal } {
  return { signal };
}

/** Anthropic's SSE framing: an `event:` line naming the type, then the JSON as `data:`. */
function sseEvent(payload: unknown): string {
  const type = typeof payload === "object" && payload !== null ? String((payload as { type?: unknown }).type) : "message";
  return `event: ${type}\ndata: ${typeof payload === "string" ? payload : JSON.stringify(payload)}\n\n`;
}

function respondStream(payloads: unknown[]): ReplayHandler {
  return (_request, response) => {
    response.writeHead(200, { "content-type": "text/event-stream" });
    for (const payload of payloads) response.write(sseEvent(payload));
    response.end();
  };
}

/** The choices' deltas and finish reasons, without the envelope. */
function choicesOf(chunks: ChatCompletionChunk[]): unknown[] {
  return chunks.map((chunk) => (chunk.choices.length === 0 ? { usage: chunk.usage } : chunk.choices[0]));
}

type Detail = Record<string, unknown>;

/** Every reasoning_details entry of the stream, in order, as a client accumulating deltas keeps them. */
function streamedDetailsOf(chunks: ChatCompletionChunk[]): Detail[] {
  return chunks.flatMap((chunk) => (chunk.choices[0]?.delta.reasoning_details as Detail[] | undefined) ?? []);
}

/** Streamed entries merged per index the way OpenRouter's clients do: text appended, other fields set. */
function reassembleDetails(details: Detail[]): Detail[] {
  const merged = new Map<unknown, Detail>();
  for (const detail of details) {
    const existing = merged.get(detail.index);
    if (!existing) merged.set(detail.index, { ...detail });
    else {
      const text = `${typeof existing.text === "string" ? existing.text : ""}${typeof detail.text === "string" ? detail.text : ""}`;
      Object.assign(existing, detail, detail.type === "reasoning.text" ? { text } : {});
    }
  }
  return [...merged.values()];
}

const GCD_THINKING = "I need to find the GCD of 1071 and 462 using the Euclidean algorithm.\n\n1071 = 2 × 462 + 147\n462 = 3 × 147 + 21\n147 = 7 × 21 + 0\n\nSo GCD(1071, 462) = 21";
const GCD_SIGNATURE = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds";
const REDACTED_DATA =
  "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB9URj2pLmN3kF8/dW5hR7xJ0aP1oLs9yTcMnKVf2wRpEGjH9XZaBt4UvDcPrQ";
const PARIS_SIGNATURE = "EuYBCkQYAiJAgCs1le6/Pol5Z4/JMomVOouGrWdhYNsH3ukzUECbB6iWrSQtsQuRHJID6lWV";

describe("createAnthropicProvider", () => {
  it("is the Anthropic provider with the configured models and cache prices", async () => {
    const adapter = createAdapter();
    expect(adapter.id).toBe("anthropic");
    expect(adapter.name).toBe("Anthropic");
    const models = await adapter.listModels();
    expect(models).toEqual(config.models);
    expect(models.map((model) => [model.id, model.pricing])).toEqual(
      expect.arrayContaining([
        [
          "anthropic/claude-sonnet-4.5",
          { promptPerMillion: 3_000_000, completionPerMillion: 15_000_000, cacheReadPerMillion: 300_000, cacheWritePerMillion: 3_750_000 },
        ],
        [
          "anthropic/claude-haiku-4.5",
          { promptPerMillion: 1_000_000, completionPerMillion: 5_000_000, cacheReadPerMillion: 100_000, cacheWritePerMillion: 1_250_000 },
        ],
      ]),
    );
  });
});

describe("createAnthropicProvider: generate", () => {
  it("sends a Messages request with Anthropic's headers and returns the text as a completion", async () => {
    handler = respondJson(200, readJsonFixture("anthropic-text.json"));
    const completion = await createAdapter().createChatCompletion(request, options());

    expect(recorded).toHaveLength(1);
    const sent = recorded[0];
    expect(sent?.method).toBe("POST");
    expect(sent?.url).toBe("/v1/messages");
    expect(sent?.headers["x-api-key"]).toBe(API_KEY);
    expect(sent?.headers["anthropic-version"]).toBe("2023-06-01");
    expect(sent?.headers["content-type"]).toBe("application/json");
    expect(sent?.headers.authorization).toBeUndefined();
    // max_tokens falls back to the model's maxOutputTokens.
    expect(sent?.body).toEqual({ model: "claude-sonnet-4-5", max_tokens: 64_000, messages: [{ role: "user", content: "Hello, how are you?" }] });

    expect(completion).toEqual({
      id: "msg_01VdEjxAP5ahtHKrrRdNBteQ",
      object: "chat.completion",
      created: expect.any(Number) as number,
      model: "claude-sonnet-4-5-20250929",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: "Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?",
          },
          finish_reason: "stop",
        },
      ],
      usage: { prompt_tokens: 12, completion_tokens: 29, total_tokens: 41, prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 } },
    });
  });

  it("accepts a base URL that already ends in /v1 or a slash", async () => {
    handler = respondJson(200, readJsonFixture("anthropic-text.json"));
    await createAdapter(`${origin}/v1/`).createChatCompletion(request, options());
    expect(recorded[0]?.url).toBe("/v1/messages");
  });

  it("returns a tool call with its input as a JSON string", async () => {
    handler = respondJson(200, readJsonFixture("anthropic-json-other-tool.1.json"));
    const completion = await createAdapter().createChatCompletion(
      { model: "claude-haiku-4-5", messages: [{ role: "user", content: "Weather in San Francisco?" }], tools: [weatherTool], tool_choice: "auto" },
      options(),
    );
    expect(recorded[0]?.body).toEqual({
      model: "claude-haiku-4-5",
      max_tokens: 64_000,
      messages: [{ role: "user", content: "Weather in San Francisco?" }],
      tools: [
        {
          name: "weather",
          description: "Get the weather in a location",
          input_schema: { type: "object", properties: { location: { type: "string" } }, required: ["location"] },
        },
      ],
      tool_choice: { type: "auto" },
    });
    expect(completion.choices).toEqual([
      {
        index: 0,
        message: {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "toolu_01PQjhxo3eirCdKNvCJrKc8f", type: "function", function: { name: "weather", arguments: '{"location":"San Francisco"}' } }],
        },
        finish_reason: "tool_calls",
      },
    ]);
    expect(completion.usage).toMatchObject({ prompt_tokens: 843, completion_tokens: 28 });
  });

  it("returns text beside a tool call with empty input", async () => {
    handler = respondJson(200, readJsonFixture("anthropic-tool-no-args.json"));
    const completion = await createAdapter().createChatCompletion(request, options());
    const message = completion.choices[0]?.message;
    expect(message?.content).toMatch(/^<thinking>\nThe updateIssueList tool/);
    expect(message?.content).toMatch(/Okay, I will update the current issue list:$/);
    expect(message?.tool_calls).toEqual([{ id: "toolu_01LRmxn9vGM1d2DZSDBowdZ1", type: "function", function: { name: "updateIssueList", arguments: "{}" } }]);
    expect(completion.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("counts cache reads and writes once each in the prompt", async () => {
    handler = respondJson(200, readJsonFixture("pydantic-ai-test_anthropic_cache_real_api.2.json"));
    const completion = await createAdapter().createChatCompletion(request, options());
    expect(completion.usage).toEqual({
      prompt_tokens: 3 + 1111 + 418,
      completion_tokens: 33,
      total_tokens: 3 + 1111 + 418 + 33,
      prompt_tokens_details: { cached_tokens: 1111, cache_write_tokens: 418 },
    });
  });

  it("returns thinking blocks as reasoning and signed reasoning_details, and sends the thinking budget", async () => {
    handler = respondJson(200, readJsonFixture("anthropic-thinking.json"));
    const completion = await createAdapter().createChatCompletion(
      { ...request, max_tokens: 20_000, reasoning: { effort: "medium" } },
      options(),
    );
    expect(recorded[0]?.body).toEqual({
      model: "claude-sonnet-4-5",
      max_tokens: 20_000,
      messages: [{ role: "user", content: "Hello, how are you?" }],
      thinking: { type: "enabled", budget_tokens: 4096 },
    });
    expect(completion.choices[0]?.message).toEqual({
      role: "assistant",
      content: "The greatest common divisor of 1071 and 462 is **21**.",
      reasoning: GCD_THINKING,
      reasoning_details: [{ type: "reasoning.text", text: GCD_THINKING, signature: GCD_SIGNATURE, format: "anthropic-claude-v1", index: 0 }],
    });
  });

  it("returns redacted_thinking as reasoning.encrypted, indexed among reasoning blocks", async () => {
    handler = respondJson(200, readJsonFixture("anthropic-redacted-thinking.json"));
    const completion = await createAdapter().createChatCompletion({ ...request, tools: [weatherTool], reasoning: { effort: "low" } }, options());
    expect(completion.choices[0]?.message).toEqual({
      role: "assistant",
      content: null,
      reasoning: "The user wants the weather in Paris, so I should call the weather tool.",
      reasoning_details: [
        { type: "reasoning.encrypted", data: REDACTED_DATA, format: "anthropic-claude-v1", index: 0 },
        {
          type: "reasoning.text",
          text: "The user wants the weather in Paris, so I should call the weather tool.",
          signature: PARIS_SIGNATURE,
          format: "anthropic-claude-v1",
          index: 1,
        },
      ],
      tool_calls: [{ id: "toolu_01RedactedWeather", type: "function", function: { name: "weather", arguments: '{"location":"Paris"}' } }],
    });
  });

  it("answers response_format json_schema with a forced tool whose input becomes the text", async () => {
    handler = respondJson(200, {
      id: "msg_json",
      model: "claude-haiku-4-5",
      content: [{ type: "tool_use", id: "toolu_json", name: "city", input: { name: "Paris", population: 2102650 } }],
      stop_reason: "tool_use",
      usage: { input_tokens: 50, output_tokens: 20 },
    });
    const schema = { type: "object", properties: { name: { type: "string" }, population: { type: "number" } } };
    const completion = await createAdapter().createChatCompletion(
      { ...request, response_format: { type: "json_schema", json_schema: { name: "city", schema } } },
      options(),
    );
    expect(recorded[0]?.body).toMatchObject({
      tools: [{ name: "city", description: "Respond with JSON that matches this schema.", input_schema: schema }],
      tool_choice: { type: "tool", name: "city" },
    });
    expect(completion.choices[0]).toEqual({
      index: 0,
      message: { role: "assistant", content: '{"name":"Paris","population":2102650}' },
      finish_reason: "stop",
    });
  });

  it("rejects a 200 body that is not a message", async () => {
    handler = respondJson(200, { hello: "world" });
    const error = await createAdapter()
      .createChatCompletion(request, options())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ message: "Anthropic sent an invalid response: the body is not a message.", upstreamStatus: undefined });
  });
});

describe("createAnthropicProvider: stream", () => {
  it("streams text: role chunk, content deltas, finish chunk, usage chunk", async () => {
    handler = respondStream(readChunkFixture("anthropic-text.chunks.txt"));
    const chunks = await collect(await createAdapter().streamChatCompletion({ ...request, stream: true }, options()));

    expect(recorded[0]?.headers.accept).toBe("text/event-stream");
    expect(recorded[0]?.body).toEqual({
      model: "claude-sonnet-4-5",
      max_tokens: 64_000,
      messages: [{ role: "user", content: "Hello, how are you?" }],
      stream: true,
    });

    for (const chunk of chunks) {
      expect(chunk).toMatchObject({ id: "msg_01QC4g3HwBThD4BaNtBckFDJ", object: "chat.completion.chunk", model: "claude-sonnet-4-5-20250929" });
    }
    expect(chunks[0]?.choices).toEqual([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]);
    expect(textOf(chunks)).toBe("Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?");
    expect(chunks.at(-2)?.choices).toEqual([{ index: 0, delta: {}, finish_reason: "stop" }]);
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage).toEqual({
      prompt_tokens: 12,
      completion_tokens: 30,
      total_tokens: 42,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
    });
    expect(chunks).toHaveLength(1 + 6 + 2);
  });

  it("streams a tool call as tool_calls deltas", async () => {
    handler = respondStream(readChunkFixture("anthropic-json-other-tool.1.chunks.txt"));
    const chunks = await collect(await createAdapter().streamChatCompletion({ ...request, tools: [weatherTool] }, options()));
    expect(choicesOf(chunks)).toEqual([
      { index: 0, delta: { role: "assistant", content: "" }, finish_reason: null },
      {
        index: 0,
        delta: { tool_calls: [{ index: 0, id: "toolu_019Zvehfe1XQWweT1pm7okyt", type: "function", function: { name: "weather", arguments: "" } }] },
        finish_reason: null,
      },
      { index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"location": "San Francisco' } }] }, finish_reason: null },
      { index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '"}' } }] }, finish_reason: null },
      { index: 0, delta: {}, finish_reason: "tool_calls" },
      { usage: { prompt_tokens: 843, completion_tokens: 28, total_tokens: 871, prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 } } },
    ]);
  });

  it("streams text then a tool call without arguments, closing its arguments with {}", async () => {
    handler = respondStream(readChunkFixture("anthropic-tool-no-args.chunks.txt"));
    const chunks = await collect(await createAdapter().streamChatCompletion(request, options()));
    expect(textOf(chunks)).toBe("I'll update the issue list for you.");
    const toolDeltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(toolDeltas).toEqual([
      { index: 0, id: "toolu_01QE1WLsSVp5hy5Q3GmGTmjP", type: "function", function: { name: "updateIssueList", arguments: "" } },
      { index: 0, function: { arguments: "{}" } },
    ]);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("gives each tool_use block its own tool call index", async () => {
    handler = respondStream(readChunkFixture("anthropic-parallel-tools.chunks.txt"));
    const chunks = await collect(await createAdapter().streamChatCompletion({ ...request, tools: [weatherTool] }, options()));
    expect(textOf(chunks)).toBe("I'll check both cities.");
    const toolDeltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(toolDeltas).toEqual([
      { index: 0, id: "toolu_01ParisWeather", type: "function", function: { name: "weather", arguments: "" } },
      { index: 0, function: { arguments: '{"location": ' } },
      { index: 0, function: { arguments: '"Paris"}' } },
      { index: 1, id: "toolu_01TokyoWeather", type: "function", function: { name: "weather", arguments: "" } },
      { index: 1, function: { arguments: '{"location": "Tokyo"}' } },
    ]);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("tool_calls");
    // message_delta's usage carries only output_tokens; the input count comes from message_start.
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 472, completion_tokens: 89, total_tokens: 561 });
  });

  it("maps cache reads and a max_tokens stop", async () => {
    handler = respondStream(readChunkFixture("anthropic-issue-5942-cache-read.chunks.txt"));
    const chunks = await collect(await createAdapter().streamChatCompletion({ ...request, max_tokens: 1 }, options()));
    expect(recorded[0]?.body).toMatchObject({ max_tokens: 1 });
    expect(textOf(chunks)).toBe("OK");
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("length");
    expect(chunks.at(-1)?.usage).toEqual({
      prompt_tokens: 3 + 18_639,
      completion_tokens: 1,
      total_tokens: 3 + 18_639 + 1,
      prompt_tokens_details: { cached_tokens: 18_639, cache_write_tokens: 0 },
    });
  });

  it("streams thinking as reasoning and reasoning_details, then the signature as its own detail", async () => {
    handler = respondStream(readChunkFixture("anthropic-thinking.chunks.txt"));
    const chunks = await collect(await createAdapter().streamChatCompletion({ ...request, reasoning: { max_tokens: 2000 } }, options()));
    expect(recorded[0]?.body).toMatchObject({ max_tokens: 64_000, thinking: { type: "enabled", budget_tokens: 2000 } });
    expect(choicesOf(chunks)).toEqual([
      { index: 0, delta: { role: "assistant", content: "" }, finish_reason: null },
      {
        index: 0,
        delta: {
          reasoning: "I need to find the GCD of 1071 and 462 using the Euclidean algorithm.\n\n1071 = 2 × 462 + 147",
          reasoning_details: [
            {
              type: "reasoning.text",
              text: "I need to find the GCD of 1071 and 462 using the Euclidean algorithm.\n\n1071 = 2 × 462 + 147",
              format: "anthropic-claude-v1",
              index: 0,
            },
          ],
        },
        finish_reason: null,
      },
      {
        index: 0,
        delta: {
          reasoning: "\n462 = 3 × 147 + 21\n147 = 7 × 21 + 0\n\nSo GCD(1071, 462) = 21",
          reasoning_details: [
            { type: "reasoning.text", text: "\n462 = 3 × 147 + 21\n147 = 7 × 21 + 0\n\nSo GCD(1071, 462) = 21", format: "anthropic-claude-v1", index: 0 },
          ],
        },
        finish_reason: null,
      },
      {
        index: 0,
        delta: { reasoning_details: [{ type: "reasoning.text", signature: GCD_SIGNATURE, format: "anthropic-claude-v1", index: 0 }] },
        finish_reason: null,
      },
      { index: 0, delta: { content: "The greatest common divisor of 1071 and 462 is **21**." }, finish_reason: null },
      { index: 0, delta: {}, finish_reason: "stop" },
      { usage: { prompt_tokens: 45, completion_tokens: 97, total_tokens: 142, prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 } } },
    ]);
  });

  it("reassembles streamed reasoning_details into the non-streaming ones", async () => {
    handler = respondStream(readChunkFixture("anthropic-thinking.chunks.txt"));
    const chunks = await collect(await createAdapter().streamChatCompletion({ ...request, reasoning: { max_tokens: 2000 } }, options()));
    handler = respondJson(200, readJsonFixture("anthropic-thinking.json"));
    const completion = await createAdapter().createChatCompletion({ ...request, reasoning: { max_tokens: 2000 } }, options());

    const reassembled = reassembleDetails(streamedDetailsOf(chunks));
    expect(reassembled).toEqual(completion.choices[0]?.message.reasoning_details);
    expect(reassembled).toEqual([{ type: "reasoning.text", text: GCD_THINKING, signature: GCD_SIGNATURE, format: "anthropic-claude-v1", index: 0 }]);
  });

  it("streams redacted_thinking data whole, and indexes the thinking after it as 1", async () => {
    handler = respondStream(readChunkFixture("anthropic-redacted-thinking.chunks.txt"));
    const chunks = await collect(await createAdapter().streamChatCompletion({ ...request, tools: [weatherTool], reasoning: { effort: "low" } }, options()));
    handler = respondJson(200, readJsonFixture("anthropic-redacted-thinking.json"));
    const completion = await createAdapter().createChatCompletion({ ...request, tools: [weatherTool], reasoning: { effort: "low" } }, options());

    expect(streamedDetailsOf(chunks)[0]).toEqual({ type: "reasoning.encrypted", data: REDACTED_DATA, format: "anthropic-claude-v1", index: 0 });
    expect(reassembleDetails(streamedDetailsOf(chunks))).toEqual(completion.choices[0]?.message.reasoning_details);
  });

  it("leaves reasoning out when the client excluded it", async () => {
    handler = respondStream(readChunkFixture("anthropic-thinking.chunks.txt"));
    const chunks = await collect(await createAdapter().streamChatCompletion({ ...request, reasoning: { effort: "low", exclude: true } }, options()));
    expect(recorded[0]?.body).toMatchObject({ thinking: { type: "enabled", budget_tokens: 1024 } });
    expect(chunks.some((chunk) => chunk.choices[0]?.delta.reasoning)).toBe(false);
    expect(streamedDetailsOf(chunks)).toEqual([]);
    expect(textOf(chunks)).toBe("The greatest common divisor of 1071 and 462 is **21**.");
  });

  it("streams a json_schema answer as content", async () => {
    handler = respondStream(
      readChunkFixture("anthropic-json-other-tool.1.chunks.txt").map((event) =>
        JSON.parse(JSON.stringify(event).replace('"name":"weather"', '"name":"location"')) as unknown,
      ),
    );
    const chunks = await collect(
      await createAdapter().streamChatCompletion(
        { ...request, response_format: { type: "json_schema", json_schema: { name: "location", schema: { type: "object" } } } },
        options(),
      ),
    );
    expect(textOf(chunks)).toBe('{"location": "San Francisco"}');
    expect(chunks.some((chunk) => chunk.choices[0]?.delta.tool_calls)).toBe(false);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("stop");
  });

  it("skips event types it does not know", async () => {
    const events = readChunkFixture("anthropic-text.chunks.txt");
    handler = respondStream([events[0], { type: "future_event", detail: 1 }, ...events.slice(1)]);
    const chunks = await collect(await createAdapter().streamChatCompletion(request, options()));
    expect(chunks).toHaveLength(9);
  });
});

describe("createAnthropicProvider: continuing a conversation with thinking and tools", () => {
  const question = { role: "user" as const, content: "Weather in Paris?" };
  const toolResult = { role: "tool" as const, tool_call_id: "toolu_01RedactedWeather", content: "18°C and sunny" };
  const followUp = (assistant: Record<string, unknown>): UpstreamChatRequest =>
    ({ ...request, tools: [weatherTool], reasoning: { effort: "low" }, messages: [question, assistant, toolResult] }) as UpstreamChatRequest;
  const parisToolUse = { type: "tool_use", id: "toolu_01RedactedWeather", name: "weather", input: { location: "Paris" } };
  const parisThinking = { type: "thinking", thinking: "The user wants the weather in Paris, so I should call the weather tool.", signature: PARIS_SIGNATURE };

  it("sends the previous turn's thinking back with its signature, before its tool_use", async () => {
    const firstTurn = readJsonFixture("anthropic-redacted-thinking.json") as { content: unknown[] };
    handler = respondJson(200, { ...firstTurn, content: firstTurn.content.slice(1) });
    const first = await createAdapter().createChatCompletion({ ...request, tools: [weatherTool], reasoning: { effort: "low" }, messages: [question] }, options());

    handler = respondJson(200, readJsonFixture("anthropic-text.json"));
    await createAdapter().createChatCompletion(followUp(first.choices[0]?.message ?? {}), options());

    const sent = recorded[1]?.body as { messages: Array<{ role: string; content: unknown }> };
    expect(sent.messages[1]).toEqual({ role: "assistant", content: [parisThinking, parisToolUse] });
    expect(sent.messages[2]).toEqual({ role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_01RedactedWeather", content: "18°C and sunny" }] });
  });

  it("round-trips redacted_thinking and streamed details, merging each block's fragments", async () => {
    handler = respondStream(readChunkFixture("anthropic-redacted-thinking.chunks.txt"));
    const chunks = await collect(
      await createAdapter().streamChatCompletion({ ...request, tools: [weatherTool], reasoning: { effort: "low" }, messages: [question] }, options()),
    );
    const toolCalls = [{ id: "toolu_01RedactedWeather", type: "function", function: { name: "weather", arguments: '{"location": "Paris"}' } }];

    handler = respondJson(200, readJsonFixture("anthropic-text.json"));
    await createAdapter().createChatCompletion(followUp({ role: "assistant", content: null, tool_calls: toolCalls, reasoning_details: streamedDetailsOf(chunks) }), options());

    expect((recorded[1]?.body as { messages: unknown[] }).messages[1]).toEqual({
      role: "assistant",
      content: [{ type: "redacted_thinking", data: REDACTED_DATA }, parisThinking, parisToolUse],
    });
  });

  it("sends no thinking for plain reasoning or unsigned details", async () => {
    handler = respondJson(200, readJsonFixture("anthropic-text.json"));
    const toolCalls = [{ id: "toolu_01RedactedWeather", type: "function", function: { name: "weather", arguments: '{"location":"Paris"}' } }];
    await createAdapter().createChatCompletion(followUp({ role: "assistant", content: null, tool_calls: toolCalls, reasoning: "Paris, then." }), options());
    await createAdapter().createChatCompletion(
      followUp({
        role: "assistant",
        content: null,
        tool_calls: toolCalls,
        reasoning_details: [{ type: "reasoning.text", text: "Unsigned thinking", format: "anthropic-claude-v1", index: 0 }],
      }),
      options(),
    );
    for (const sent of recorded) {
      expect((sent.body as { messages: unknown[] }).messages[1]).toEqual({ role: "assistant", content: [parisToolUse] });
    }
  });
});

describe("createAnthropicProvider: errors", () => {
  async function failure(call: "generate" | "stream"): Promise<UpstreamError> {
    const adapter = createAdapter();
    const promise = call === "generate" ? adapter.createChatCompletion(request, options()) : adapter.streamChatCompletion(request, options());
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (!(error instanceof UpstreamError)) throw new Error(`Expected an UpstreamError, got ${String(error)}`);
    return error;
  }

  for (const call of ["generate", "stream"] as const) {
    it(`${call}: HTTP 529 overloaded is retryable`, async () => {
      handler = respondJson(529, readJsonFixture("anthropic-overloaded-error.json"));
      const error = await failure(call);
      expect(error.message).toBe("Anthropic returned 529: Overloaded");
      expect(error).toMatchObject({ providerId: "anthropic", upstreamStatus: 529, status: 502, isRetryable: true });
    });

    it(`${call}: 401 with the key redacted`, async () => {
      handler = respondJson(401, { type: "error", error: { type: "authentication_error", message: `invalid x-api-key ${API_KEY}` } });
      const error = await failure(call);
      expect(error.message).toBe("Anthropic returned 401: invalid x-api-key [redacted]");
      expect(error).toMatchObject({ upstreamStatus: 401, isRetryable: false });
    });
  }

  it("429 keeps Retry-After", async () => {
    handler = respondJson(429, { type: "error", error: { type: "rate_limit_error", message: "Number of request tokens has exceeded your per-minute rate limit" } }, { "retry-after": "7" });
    const error = await failure("generate");
    expect(error).toMatchObject({ upstreamStatus: 429, status: 429, retryAfterSeconds: 7, isRetryable: true });
  });

  it("400 is the client's to fix", async () => {
    handler = respondJson(400, { type: "error", error: { type: "invalid_request_error", message: "max_tokens: Field required" } });
    const error = await failure("generate");
    expect(error).toMatchObject({ message: "Anthropic returned 400: max_tokens: Field required", upstreamStatus: 400, status: 400, isRetryable: false });
  });

  it("throws an in-stream error event as a retryable 529", async () => {
    handler = respondStream(readChunkFixture("anthropic-stream-error.chunks.txt"));
    const { chunks, error } = await collectUntilError(await createAdapter().streamChatCompletion(request, options()));
    expect(textOf(chunks)).toBe("Hello");
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ message: "Anthropic reported an error: Overloaded", upstreamStatus: 529, isRetryable: true });
  });

  it("maps each in-stream error type to its status", async () => {
    const expected: Array<[string, number, boolean]> = [
      ["invalid_request_error", 400, false],
      ["authentication_error", 401, false],
      ["permission_error", 403, false],
      ["not_found_error", 404, false],
      ["request_too_large", 413, false],
      ["rate_limit_error", 429, true],
      ["api_error", 500, true],
      ["overloaded_error", 529, true],
    ];
    for (const [type, status, retryable] of expected) {
      handler = respondStream([{ type: "error", error: { type, message: "boom" } }]);
      const { error } = await collectUntilError(await createAdapter().streamChatCompletion(request, options()));
      expect(error, type).toMatchObject({ upstreamStatus: status, isRetryable: retryable });
    }
  });

  it("throws when the stream ends before message_stop", async () => {
    handler = respondStream(readChunkFixture("anthropic-text.chunks.txt").slice(0, 4));
    const { chunks, error } = await collectUntilError(await createAdapter().streamChatCompletion(request, options()));
    expect(textOf(chunks)).toBe("Hello");
    expect(error).toMatchObject({ message: "Anthropic sent an invalid response: the stream ended before message_stop.", upstreamStatus: undefined });
  });

  it("turns a refused connection into an UpstreamError with no status", async () => {
    const port = await findClosedPort();
    const error = await createAdapter(`http://127.0.0.1:${port}`)
      .createChatCompletion(request, options())
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ message: "Connecting to Anthropic failed (ECONNREFUSED).", upstreamStatus: undefined, isRetryable: true });
  });

  it("rejects unsupported fields before calling Anthropic", async () => {
    const error = await createAdapter()
      .createChatCompletion({ ...request, logprobs: true }, options())
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400, param: "logprobs", code: "unsupported_parameter" });
    expect(recorded).toHaveLength(0);
  });
});

describe("createAnthropicProvider: releasing the connection", () => {
  const endless: ReplayHandler = (_request, response) => {
    response.writeHead(200, { "content-type": "text/event-stream" });
    const events = readChunkFixture("anthropic-text.chunks.txt");
    response.write(sseEvent(events[0]));
    response.write(sseEvent(events[1]));
    const delta = sseEvent(events[3]);
    const timer = setInterval(() => response.write(delta), 10);
    response.on("close", () => clearInterval(timer));
  };

  it("closes the upstream connection when the signal aborts mid-stream", async () => {
    handler = endless;
    const controller = new AbortController();
    const stream = await createAdapter().streamChatCompletion(request, options(controller.signal));
    let seen = 0;
    const error = await (async () => {
      try {
        for await (const _chunk of stream) if (++seen === 3) controller.abort();
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).not.toBeInstanceOf(UpstreamError);
    expect((error as Error).name).toBe("AbortError");
    await socketCloses[0];
  });

  it("closes the upstream connection when the consumer stops early", async () => {
    handler = endless;
    const stream = await createAdapter().streamChatCompletion(request, options());
    let seen = 0;
    for await (const _chunk of stream) if (++seen === 3) break;
    expect(socketCloses).toHaveLength(1);
    await socketCloses[0];
  });

  it("closes the upstream connection when the consumer gives up before the first chunk", async () => {
    handler = endless;
    const stream = await createAdapter().streamChatCompletion(request, options());
    await stream[Symbol.asyncIterator]().return?.();
    await socketCloses[0];
  });
});
