import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { collect, collectUntilError, textOf } from "../../../testing/collect-chunks";
import { createReplayServer, findClosedPort, respondJson, type ReplayHandler } from "../../../testing/replay-server";
import type { ChatCompletionChunk } from "../../chat-types";
import { UpstreamError } from "../../errors";
import type { ProviderAdapter, UpstreamChatRequest } from "../provider";
import { createOpenAICompatibleAdapter } from "./openai-compatible-adapter";

function readFixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");
}

function readChunkFixture(name: string): unknown[] {
  return readFixture(name)
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as unknown);
}

const openAIText = JSON.parse(readFixture("openai-text.json")) as unknown;
const openAITextChunks = readChunkFixture("openai-text.chunks.txt");
const groqToolCall = JSON.parse(readFixture("groq-tool-call.json")) as unknown;
const groqToolCallChunks = readChunkFixture("groq-tool-call.chunks.txt");

let handler: ReplayHandler;
const replay = createReplayServer((request, response) => handler(request, response));
const { recorded, socketCloses } = replay;
let baseUrl: string;

beforeAll(async () => {
  baseUrl = `${await replay.listen()}/v1`;
});

afterAll(() => replay.close());

beforeEach(() => {
  replay.reset();
  handler = (_request, response) => {
    response.writeHead(500).end("no handler set");
  };
});

function createAdapter(overrides: { baseUrl?: string; reasoning?: "object" | "effort" } = {}): ProviderAdapter {
  return createOpenAICompatibleAdapter({
    id: "openai",
    name: "OpenAI",
    baseUrl: overrides.baseUrl ?? baseUrl,
    reasoning: overrides.reasoning,
    apiKey: "sk-test-secret-key-123456",
    headers: { "x-title": "Switchyard tests" },
    listModels: async () => [],
  });
}

const request: UpstreamChatRequest = {
  model: "gpt-4.1-nano",
  messages: [{ role: "user", content: "Invent a new holiday and describe its traditions." }],
};

function options(signal: AbortSignal = new AbortController().signal): { signal: AbortSignal } {
  return { signal };
}

function sseEvent(payload: unknown): string {
  return `data: ${typeof payload === "string" ? payload : JSON.stringify(payload)}\n\n`;
}

/** Writes the events and ends the response; `[DONE]` unless told otherwise. */
function respondStream(payloads: unknown[], { done = true }: { done?: boolean } = {}): ReplayHandler {
  return (_request, response) => {
    response.writeHead(200, { "content-type": "text/event-stream" });
    for (const payload of payloads) response.write(sseEvent(payload));
    if (done) response.write(sseEvent("[DONE]"));
    response.end();
  };
}

describe("createOpenAICompatibleAdapter: generate", () => {
  it("returns the completion with every field the provider sent", async () => {
    handler = respondJson(200, openAIText);
    const completion = await createAdapter().createChatCompletion(request, options());
    expect(completion).toEqual(openAIText);
    expect(completion.choices[0]?.message.content).toMatch(/^\*\*Holiday Name:\*\* Galaxy Day/);
    expect(completion.usage).toMatchObject({ prompt_tokens: 16, completion_tokens: 363, total_tokens: 379 });
  });

  it("returns a Groq tool call intact", async () => {
    handler = respondJson(200, groqToolCall);
    const completion = await createAdapter().createChatCompletion(request, options());
    // Groq leaves out `content` beside tool calls; the gateway's shape has it as null.
    const fixture = groqToolCall as { choices: Array<{ message: object }> };
    const choice = fixture.choices[0];
    expect(completion).toEqual({ ...fixture, choices: [{ ...choice, message: { ...choice?.message, content: null } }] });
    expect(completion.choices[0]?.finish_reason).toBe("tool_calls");
    expect(completion.choices[0]?.message.tool_calls).toEqual([
      { id: "ax9fskhev", type: "function", function: { name: "weather", arguments: "{}" } },
    ]);
  });

  it("fills the fields a lenient server leaves out", async () => {
    handler = respondJson(200, { choices: [{ message: { content: "hi" } }] });
    const completion = await createAdapter().createChatCompletion(request, options());
    expect(completion).toMatchObject({
      object: "chat.completion",
      model: "gpt-4.1-nano",
      choices: [{ index: 0, message: { role: "assistant", content: "hi" }, finish_reason: null }],
    });
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(typeof completion.created).toBe("number");
  });

  it("rejects a 200 body that is not a completion", async () => {
    handler = (_request, response) => {
      response.writeHead(200, { "content-type": "text/html" }).end("<html>maintenance</html>");
    };
    const error = await createAdapter()
      .createChatCompletion(request, options())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ providerId: "openai", upstreamStatus: undefined, status: 502 });
  });
});

describe("createOpenAICompatibleAdapter: stream", () => {
  it("yields the recorded OpenAI chunks unchanged, ending at [DONE]", async () => {
    handler = respondStream(openAITextChunks);
    const chunks = await collect(await createAdapter().streamChatCompletion(request, options()));
    expect(chunks).toEqual(openAITextChunks);
    expect(textOf(chunks)).toMatch(/^\*\*Holiday Name:\*\*/);
    expect(textOf(chunks)).toMatch(/connected through shared human experiences and mutual respect\.$/);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("stop");
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 16, completion_tokens: 300, total_tokens: 316 });
  });

  it("yields a Groq tool call's deltas intact", async () => {
    handler = respondStream(groqToolCallChunks);
    const chunks = await collect(await createAdapter().streamChatCompletion(request, options()));
    expect(chunks).toEqual(groqToolCallChunks);
    expect(chunks[1]?.choices[0]?.delta.tool_calls).toEqual([
      { id: "tk85n1k4m", type: "function", function: { name: "weather", arguments: "{}" }, index: 0 },
    ]);
    expect(chunks[2]?.choices[0]?.finish_reason).toBe("tool_calls");
    expect(chunks[2]?.usage).toMatchObject({ prompt_tokens: 210, completion_tokens: 15, total_tokens: 225 });
  });

  it("accepts a stream that ends without [DONE] after a finish reason", async () => {
    handler = respondStream(groqToolCallChunks, { done: false });
    const chunks = await collect(await createAdapter().streamChatCompletion(request, options()));
    expect(chunks).toHaveLength(3);
  });

  it("stops at [DONE] even if more follows", async () => {
    handler = respondStream([...groqToolCallChunks, "[DONE]", { not: "read" }]);
    const chunks = await collect(await createAdapter().streamChatCompletion(request, options()));
    expect(chunks).toHaveLength(3);
  });
});

describe("createOpenAICompatibleAdapter: what goes upstream", () => {
  const clientRequest = {
    ...request,
    temperature: 0.2,
    stream: true,
    stream_options: { include_usage: false },
    vendor_extension: { keep: ["me"] },
  } as UpstreamChatRequest;

  it("streams with usage always requested, unknown fields passed through", async () => {
    handler = respondStream(groqToolCallChunks);
    await collect(await createAdapter().streamChatCompletion(clientRequest, options()));
    expect(recorded).toHaveLength(1);
    const sent = recorded[0];
    expect(sent?.method).toBe("POST");
    expect(sent?.url).toBe("/v1/chat/completions");
    expect(sent?.headers.authorization).toBe("Bearer sk-test-secret-key-123456");
    expect(sent?.headers["content-type"]).toBe("application/json");
    expect(sent?.headers["x-title"]).toBe("Switchyard tests");
    expect(sent?.body).toEqual({
      model: "gpt-4.1-nano",
      messages: [{ role: "user", content: "Invent a new holiday and describe its traditions." }],
      temperature: 0.2,
      stream: true,
      stream_options: { include_usage: true },
      vendor_extension: { keep: ["me"] },
    });
  });

  it("adds stream_options when the client sent none", async () => {
    handler = respondStream(groqToolCallChunks);
    await collect(await createAdapter().streamChatCompletion(request, options()));
    expect(recorded[0]?.body).toEqual({ ...request, stream: true, stream_options: { include_usage: true } });
  });

  it("generates without the stream fields, everything else as given", async () => {
    handler = respondJson(200, openAIText);
    await createAdapter().createChatCompletion(clientRequest, options());
    expect(recorded[0]?.body).toEqual({
      model: "gpt-4.1-nano",
      messages: [{ role: "user", content: "Invent a new holiday and describe its traditions." }],
      temperature: 0.2,
      vendor_extension: { keep: ["me"] },
    });
  });

  it("turns OpenRouter's reasoning object into reasoning_effort, unless the upstream takes the object", async () => {
    handler = respondJson(200, openAIText);
    const withReasoning = { ...request, reasoning: { effort: "high" as const } } as UpstreamChatRequest;
    await createAdapter().createChatCompletion(withReasoning, options());
    expect(recorded[0]?.body).toEqual({ ...request, reasoning_effort: "high" });

    await createAdapter({ reasoning: "object" }).createChatCompletion(withReasoning, options());
    expect(recorded[1]?.body).toEqual({ ...request, reasoning: { effort: "high" } });
  });

  it("tolerates a trailing slash on the base URL", async () => {
    handler = respondJson(200, openAIText);
    await createAdapter({ baseUrl: `${baseUrl}/` }).createChatCompletion(request, options());
    expect(recorded[0]?.url).toBe("/v1/chat/completions");
  });
});

describe("createOpenAICompatibleAdapter: errors before the stream", () => {
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
    it(`${call}: 401 with an OpenAI error body, the key redacted`, async () => {
      handler = respondJson(401, {
        error: {
          message: "Incorrect API key provided: sk-test-se*************3456. You can find your API key at https://platform.openai.com/account/api-keys.",
          type: "invalid_request_error",
          param: null,
          code: "invalid_api_key",
        },
      });
      const error = await failure(call);
      expect(error.message).toBe(
        "OpenAI returned 401: Incorrect API key provided: [redacted]. You can find your API key at https://platform.openai.com/account/api-keys.",
      );
      expect(error).toMatchObject({ providerId: "openai", upstreamStatus: 401, status: 502, isRetryable: false });
    });

    it(`${call}: 429 with Retry-After`, async () => {
      handler = respondJson(
        429,
        { error: { message: "Rate limit reached for gpt-4.1-nano on tokens per min (TPM).", type: "tokens", code: "rate_limit_exceeded" } },
        { "retry-after": "3" },
      );
      const error = await failure(call);
      expect(error.message).toBe("OpenAI returned 429: Rate limit reached for gpt-4.1-nano on tokens per min (TPM).");
      expect(error).toMatchObject({ upstreamStatus: 429, status: 429, retryAfterSeconds: 3, isRetryable: true });
    });

    it(`${call}: 500`, async () => {
      handler = respondJson(500, { error: { message: "The server had an error while processing your request.", type: "server_error" } });
      const error = await failure(call);
      expect(error.message).toBe("OpenAI returned 500: The server had an error while processing your request.");
      expect(error).toMatchObject({ upstreamStatus: 500, status: 502, isRetryable: true });
    });

    it(`${call}: plain-text 502 from a proxy`, async () => {
      handler = (_request, response) => {
        response.writeHead(502, { "content-type": "text/plain" }).end("upstream connect error or disconnect/reset before headers\n");
      };
      const error = await failure(call);
      expect(error.message).toBe("OpenAI returned 502: upstream connect error or disconnect/reset before headers");
      expect(error).toMatchObject({ upstreamStatus: 502, isRetryable: true });
    });

    it(`${call}: an HTML error page is reduced to its status`, async () => {
      handler = (_request, response) => {
        response.writeHead(503, { "content-type": "text/html" }).end("<html><body>Service Unavailable</body></html>");
      };
      const error = await failure(call);
      expect(error.message).toBe("OpenAI returned 503: Service Unavailable");
    });

    it(`${call}: 400 is the client's to fix`, async () => {
      handler = respondJson(400, { error: { message: "Unrecognized request argument supplied: vendor_extension", type: "invalid_request_error" } });
      const error = await failure(call);
      expect(error).toMatchObject({ upstreamStatus: 400, status: 400, type: "invalid_request_error", isRetryable: false });
    });
  }

  it("truncates a huge message", async () => {
    handler = respondJson(400, { error: { message: "x".repeat(5000) } });
    const error = await failure("generate");
    expect(error.message.length).toBeLessThanOrEqual(330);
    expect(error.message.endsWith("…")).toBe(true);
  });

  it("reads vLLM's and FastAPI's error shapes", async () => {
    handler = respondJson(400, { object: "error", message: "This model's maximum context length is 4096 tokens.", type: "BadRequestError", code: 400 });
    expect((await failure("generate")).message).toBe("OpenAI returned 400: This model's maximum context length is 4096 tokens.");
    handler = respondJson(422, { detail: "Field required: messages" });
    expect((await failure("generate")).message).toBe("OpenAI returned 422: Field required: messages");
  });

  it("turns a refused connection into an UpstreamError with no status", async () => {
    const port = await findClosedPort();

    for (const call of ["generate", "stream"] as const) {
      const adapter = createAdapter({ baseUrl: `http://127.0.0.1:${port}/v1` });
      const promise = call === "generate" ? adapter.createChatCompletion(request, options()) : adapter.streamChatCompletion(request, options());
      const error = await promise.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error).toMatchObject({ message: "Connecting to OpenAI failed (ECONNREFUSED).", upstreamStatus: undefined, status: 502, isRetryable: true });
    }
  });

  it("rethrows an abort as the abort, not as an UpstreamError", async () => {
    handler = () => {
      // Never answers.
    };
    const controller = new AbortController();
    const promise = createAdapter().createChatCompletion(request, options(controller.signal));
    setTimeout(() => controller.abort(), 20);
    const error = await promise.catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(UpstreamError);
    expect(error).toBe(controller.signal.reason);
    expect((error as Error).name).toBe("AbortError");
  });
});

describe("createOpenAICompatibleAdapter: errors during the stream", () => {
  const firstChunks = openAITextChunks.slice(0, 3);

  it("throws the error event a provider sends mid-stream", async () => {
    handler = respondStream(
      [
        ...firstChunks,
        {
          id: "gen-1",
          object: "chat.completion.chunk",
          created: 1770933892,
          model: "openai/gpt-4.1-nano",
          provider: "OpenAI",
          error: { code: 502, message: "Provider disconnected unexpectedly" },
          choices: [{ index: 0, delta: { content: "" }, finish_reason: "error" }],
        },
      ],
      { done: false },
    );
    const { chunks, error } = await collectUntilError(await createAdapter().streamChatCompletion(request, options()));
    expect(chunks).toEqual(firstChunks);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ message: "OpenAI reported an error: Provider disconnected unexpectedly", upstreamStatus: 502, isRetryable: true });
  });

  it("throws when the connection drops mid-stream", async () => {
    handler = (_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      for (const chunk of firstChunks) response.write(sseEvent(chunk));
      setTimeout(() => response.socket?.destroy(), 20);
    };
    const { chunks, error } = await collectUntilError(await createAdapter().streamChatCompletion(request, options()));
    expect(chunks).toEqual(firstChunks);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ upstreamStatus: undefined, isRetryable: true });
    expect((error as Error).message).toMatch(/^Reading the stream from OpenAI failed/);
  });

  it("throws when the body ends without [DONE] and without a finish reason", async () => {
    handler = respondStream(firstChunks, { done: false });
    const { chunks, error } = await collectUntilError(await createAdapter().streamChatCompletion(request, options()));
    expect(chunks).toEqual(firstChunks);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toBe("OpenAI sent an invalid response: the stream ended before the completion finished.");
  });

  it("throws on a payload that is not JSON", async () => {
    handler = respondStream([firstChunks[0], "{not json"]);
    const { chunks, error } = await collectUntilError(await createAdapter().streamChatCompletion(request, options()));
    expect(chunks).toHaveLength(1);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toMatch(/a stream event is not JSON/);
  });

  it("quotes a malformed event short and without the key, even when the key would straddle the cut", async () => {
    handler = respondStream([`${"x".repeat(70)} sk-test-secret-key-123456 echoed`]);
    const { error } = await collectUntilError(await createAdapter().streamChatCompletion(request, options()));
    expect((error as Error).message).toBe(`OpenAI sent an invalid response: a stream event is not JSON: ${"x".repeat(70)} [redacte…`);
    expect((error as Error).message).not.toMatch(/sk-test/);
  });

  it("throws on JSON that is not a chunk", async () => {
    handler = respondStream([{ choices: "nope" }]);
    const { error } = await collectUntilError(await createAdapter().streamChatCompletion(request, options()));
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toMatch(/not a chat completion chunk/);
  });
});

describe("createOpenAICompatibleAdapter: releasing the connection", () => {
  /** Streams a chunk every 10 ms until the client goes away. */
  const endless: ReplayHandler = (_request, response) => {
    response.writeHead(200, { "content-type": "text/event-stream" });
    const chunk = sseEvent(openAITextChunks[1]);
    const timer = setInterval(() => response.write(chunk), 10);
    response.on("close", () => clearInterval(timer));
  };

  it("closes the upstream connection when the signal aborts mid-stream", async () => {
    handler = endless;
    const controller = new AbortController();
    const stream = await createAdapter().streamChatCompletion(request, options(controller.signal));
    const chunks: ChatCompletionChunk[] = [];
    const error = await (async () => {
      try {
        for await (const chunk of stream) {
          chunks.push(chunk);
          if (chunks.length === 3) controller.abort();
        }
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).not.toBeInstanceOf(UpstreamError);
    expect((error as Error).name).toBe("AbortError");
    expect(socketCloses).toHaveLength(1);
    await socketCloses[0];
  });

  it("closes the upstream connection when the consumer gives up before the first chunk", async () => {
    handler = endless;
    const stream = await createAdapter().streamChatCompletion(request, options());
    await stream[Symbol.asyncIterator]().return?.();
    expect(socketCloses).toHaveLength(1);
    await socketCloses[0];
  });

  it("closes the upstream connection when the consumer stops early", async () => {
    handler = endless;
    const stream = await createAdapter().streamChatCompletion(request, options());
    let seen = 0;
    for await (const chunk of stream) {
      expect(chunk.object).toBe("chat.completion.chunk");
      if (++seen === 3) break;
    }
    expect(socketCloses).toHaveLength(1);
    await socketCloses[0];
  });
});
