import { describe, expect, it } from "vitest";
import { createCatalog } from "../catalog/create-catalog";
import type { ChatCompletion, ChatCompletionChunk } from "../chat-types";
import { UpstreamError } from "../errors";
import type { CallOptions, ProviderAdapter, ProviderModel, UpstreamChatRequest } from "../providers/provider";
import { createFreeModelLimiter } from "../rate-limit/free-model-limiter";
import type { ChatCompletionRequest } from "../schema/chat-completion-request";
import { createMemoryGatewayStore } from "../../testing/memory-gateway-store";
import { createChatCompletion, type GatewayDependencies } from "./create-chat-completion";

const model: ProviderModel = {
  id: "acme/model",
  providerModelId: "acme-model-v1",
  name: "Acme Model",
  contextLength: 8192,
  maxOutputTokens: 1024,
  pricing: { promptPerMillion: 1_000_000, completionPerMillion: 2_000_000 },
  supportedParameters: ["tools", "temperature"],
  inputModalities: ["text"],
};

const freeModel: ProviderModel = { ...model, id: "acme/model:free", providerModelId: "acme-free", pricing: { promptPerMillion: 0, completionPerMillion: 0 } };

function chunk(content: string, finishReason: string | null = null): ChatCompletionChunk {
  return { id: "up-1", object: "chat.completion.chunk", created: 1, model: "acme-model-v1", choices: [{ index: 0, delta: { content }, finish_reason: finishReason }] };
}

const usageChunk: ChatCompletionChunk = {
  id: "up-1",
  object: "chat.completion.chunk",
  created: 1,
  model: "acme-model-v1",
  choices: [],
  usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 },
};

interface Script {
  stream?: (options: CallOptions) => AsyncIterable<ChatCompletionChunk>;
  complete?: () => ChatCompletion;
  failBeforeStream?: UpstreamError;
}

function createAdapter(script: Script): ProviderAdapter & { requests: UpstreamChatRequest[] } {
  const requests: UpstreamChatRequest[] = [];
  return {
    id: "acme",
    name: "Acme",
    requests,
    async listModels() {
      return [model, freeModel];
    },
    async createChatCompletion(request) {
      requests.push(request);
      if (script.failBeforeStream) throw script.failBeforeStream;
      return script.complete!();
    },
    async streamChatCompletion(request, options) {
      requests.push(request);
      if (script.failBeforeStream) throw script.failBeforeStream;
      return script.stream!(options);
    },
  };
}

function setup(script: Script, balance = 1_000_000n) {
  const adapter = createAdapter(script);
  const memory = createMemoryGatewayStore({ balances: { user: balance } });
  const dependencies: GatewayDependencies = {
    catalog: createCatalog({ providers: [adapter] }),
    store: memory.store,
    freeLimiter: createFreeModelLimiter({ perMinute: 2, perDay: 100 }),
    settings: { keepAliveMs: 20, upstreamTimeoutMs: 5_000 },
  };
  return { adapter, memory, dependencies };
}

const caller = { userId: "user", apiKeyId: "key" };
const request = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({
  model: "acme/model",
  messages: [{ role: "user", content: "Hello there" }],
  ...extra,
});

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

function dataEvents(body: string): string[] {
  return body
    .split("\n\n")
    .filter((event) => event.startsWith("data: "))
    .map((event) => event.slice(6));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("createChatCompletion", () => {
  it("returns a JSON completion with our id, model, provider and cost, and records it once", async () => {
    const { dependencies, memory, adapter } = setup({
      complete: () => ({
        id: "up-1",
        object: "chat.completion",
        created: 1,
        model: "acme-model-v1",
        choices: [{ index: 0, message: { role: "assistant", content: "Hi!" }, finish_reason: "stop" }],
        usage: { prompt_tokens: 10, completion_tokens: 3 },
        system_fingerprint: "fp_1",
      }),
    });
    const outcome = await createChatCompletion(dependencies, { request: request({ provider: { sort: "price" }, models: ["x/y"] }), caller });
    expect(outcome.type).toBe("json");
    if (outcome.type !== "json") return;
    expect(outcome.body).toMatchObject({
      id: outcome.generationId,
      model: "acme/model",
      provider: "Acme",
      system_fingerprint: "fp_1",
      usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13, cost: 0.000016 },
    });
    // Gateway-only fields never reach the provider; the provider's own model id does.
    expect(adapter.requests[0]).not.toHaveProperty("provider");
    expect(adapter.requests[0]).not.toHaveProperty("models");
    expect(adapter.requests[0]?.model).toBe("acme-model-v1");
    expect(memory.generations).toHaveLength(1);
    expect(memory.generations[0]).toMatchObject({ status: "success", costMicros: 16n, streamed: false, usageEstimated: false });
  });

  it("streams deltas, holds back the upstream usage chunk and ends with ours, then [DONE]", async () => {
    const { dependencies, memory } = setup({
      stream: async function* () {
        yield chunk("Hel");
        yield chunk("lo", "stop");
        yield usageChunk;
      },
    });
    const outcome = await createChatCompletion(dependencies, { request: request({ stream: true }), caller });
    if (outcome.type !== "stream") throw new Error("expected a stream");
    const events = dataEvents(await readAll(outcome.stream));
    expect(events.at(-1)).toBe("[DONE]");
    const payloads = events.slice(0, -1).map((event) => JSON.parse(event) as Record<string, unknown>);
    expect(payloads).toHaveLength(3);
    expect(payloads.every((payload) => payload.id === outcome.generationId && payload.model === "acme/model")).toBe(true);
    expect(payloads.slice(0, 2).every((payload) => !("usage" in payload))).toBe(true);
    expect(payloads[2]).toMatchObject({ choices: [], usage: { prompt_tokens: 10, completion_tokens: 3, cost: 0.000016 } });
    expect(memory.generations).toHaveLength(1);
    expect(memory.generations[0]).toMatchObject({ status: "success", streamed: true, finishReason: "stop" });
  });

  it("estimates usage with the tokenizer when the provider reports none", async () => {
    const { dependencies, memory } = setup({
      stream: async function* () {
        yield chunk("one two three", "stop");
      },
    });
    const outcome = await createChatCompletion(dependencies, { request: request({ stream: true }), caller });
    if (outcome.type !== "stream") throw new Error("expected a stream");
    await readAll(outcome.stream);
    expect(memory.generations[0]).toMatchObject({ usageEstimated: true, usage: { completionTokens: 3 } });
    expect(memory.generations[0]!.usage.promptTokens).toBeGreaterThan(3);
  });

  it("sends keep-alive comments while waiting for the first token", async () => {
    const { dependencies } = setup({
      stream: async function* () {
        await sleep(90);
        yield chunk("late", "stop");
        yield usageChunk;
      },
    });
    const outcome = await createChatCompletion(dependencies, { request: request({ stream: true }), caller });
    if (outcome.type !== "stream") throw new Error("expected a stream");
    const body = await readAll(outcome.stream);
    const firstData = body.indexOf("data: ");
    expect(body.slice(0, firstData)).toMatch(/^(: SWITCHYARD PROCESSING\n\n){2,}$/);
  });

  it("reports a mid-stream failure as an error event, without [DONE], and records it with what was used", async () => {
    const { dependencies, memory } = setup({
      stream: async function* () {
        yield chunk("partial answer");
        throw new UpstreamError("Acme dropped the connection.", { providerId: "acme" });
      },
    });
    const outcome = await createChatCompletion(dependencies, { request: request({ stream: true }), caller });
    if (outcome.type !== "stream") throw new Error("expected a stream");
    const events = dataEvents(await readAll(outcome.stream));
    expect(events).not.toContain("[DONE]");
    const last = JSON.parse(events.at(-1)!) as { error: { message: string; code: number }; choices: Array<{ finish_reason: string }> };
    expect(last.error).toMatchObject({ message: "Acme dropped the connection.", code: 502 });
    expect(last.choices[0]?.finish_reason).toBe("error");
    expect(memory.generations).toHaveLength(1);
    expect(memory.generations[0]).toMatchObject({ status: "error", usageEstimated: true });
    expect(memory.generations[0]!.usage.completionTokens).toBeGreaterThan(0);
  });

  it("aborts the upstream and records a cancelled generation once when the client goes away", async () => {
    let upstreamAborted = false;
    const { dependencies, memory } = setup({
      stream: async function* (options) {
        options.signal.addEventListener("abort", () => (upstreamAborted = true));
        for (let index = 0; index < 1000; index++) {
          if (options.signal.aborted) throw options.signal.reason;
          yield chunk(`token${index} `);
          await sleep(5);
        }
      },
    });
    const client = new AbortController();
    const outcome = await createChatCompletion(dependencies, { request: request({ stream: true }), caller, signal: client.signal });
    if (outcome.type !== "stream") throw new Error("expected a stream");
    const reader = outcome.stream.getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    client.abort();
    await sleep(30);
    expect(upstreamAborted).toBe(true);
    expect(memory.generations).toHaveLength(1);
    expect(memory.generations[0]).toMatchObject({ status: "cancelled", cancelled: true, usageEstimated: true });
    expect(memory.generations[0]!.usage.completionTokens).toBeGreaterThan(0);
    expect(memory.generations[0]!.costMicros).toBeGreaterThan(0n);
  });

  it("answers an error before the first byte with its status and records the attempt", async () => {
    const { dependencies, memory } = setup({ failBeforeStream: new UpstreamError("Acme returned 429", { providerId: "acme", upstreamStatus: 429 }) });
    await expect(createChatCompletion(dependencies, { request: request({ stream: true }), caller })).rejects.toMatchObject({ status: 429 });
    expect(memory.generations[0]).toMatchObject({ status: "error", httpStatus: 429, costMicros: 0n });
  });

  it("answers 408 and records the attempt when the provider does not answer in time", async () => {
    const { dependencies, memory } = setup({
      stream: (options) => ({
        async *[Symbol.asyncIterator]() {
          await new Promise((_, reject) => options.signal.addEventListener("abort", () => reject(options.signal.reason)));
        },
      }),
    });
    dependencies.settings.upstreamTimeoutMs = 30;
    const outcome = await createChatCompletion(dependencies, { request: request({ stream: true }), caller });
    if (outcome.type !== "stream") throw new Error("expected a stream");
    const last = JSON.parse(dataEvents(await readAll(outcome.stream)).at(-1)!) as { error: { code: number; message: string } };
    expect(last.error.code).toBe(408);
    expect(last.error.message).toContain("did not answer in time");
    expect(memory.generations[0]).toMatchObject({ status: "error", httpStatus: 408 });
  });

  it("ends a stream that stalls after its first token once the idle timeout passes, and bills what was sent", async () => {
    const { dependencies, memory } = setup({
      stream: (options) => ({
        async *[Symbol.asyncIterator]() {
          yield chunk("Hel");
          await sleep(15);
          yield chunk("lo");
          await new Promise((_, reject) => options.signal.addEventListener("abort", () => reject(options.signal.reason)));
        },
      }),
    });
    dependencies.settings.upstreamIdleTimeoutMs = 40;
    const outcome = await createChatCompletion(dependencies, { request: request({ stream: true }), caller });
    if (outcome.type !== "stream") throw new Error("expected a stream");
    const startedAt = Date.now();
    const events = dataEvents(await readAll(outcome.stream));
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    expect(events.slice(0, 2).map((event) => (JSON.parse(event) as ChatCompletionChunk).choices[0]?.delta.content)).toEqual(["Hel", "lo"]);
    const last = JSON.parse(events.at(-1)!) as { error: { code: number; message: string } };
    expect(last.error).toMatchObject({ code: 408, message: "Acme stopped sending output for 40 ms." });
    expect(memory.generations).toHaveLength(1);
    expect(memory.generations[0]).toMatchObject({ status: "error", httpStatus: 408, usageEstimated: true });
    expect(memory.generations[0]!.costMicros).toBeGreaterThan(0n);
  });

  it("keeps a slow stream whose gaps stay under the idle timeout", async () => {
    const { dependencies, memory } = setup({
      stream: () => ({
        async *[Symbol.asyncIterator]() {
          for (const piece of ["a", "b", "c", "d"]) {
            await sleep(25);
            yield chunk(piece);
          }
          yield chunk("", "stop");
          yield usageChunk;
        },
      }),
    });
    dependencies.settings.upstreamIdleTimeoutMs = 60;
    const outcome = await createChatCompletion(dependencies, { request: request({ stream: true }), caller });
    if (outcome.type !== "stream") throw new Error("expected a stream");
    const events = dataEvents(await readAll(outcome.stream));
    expect(events.at(-1)).toBe("[DONE]");
    expect(memory.generations[0]).toMatchObject({ status: "success" });
  });

  it("refuses unknown models, empty balances and too many free requests", async () => {
    const { dependencies } = setup({ complete: () => ({ id: "x", object: "chat.completion", created: 1, model: "m", choices: [] }) }, 0n);
    await expect(createChatCompletion(dependencies, { request: request({ model: "nobody/none" }), caller })).rejects.toMatchObject({ status: 404 });
    await expect(createChatCompletion(dependencies, { request: request(), caller })).rejects.toMatchObject({ status: 402 });
    await createChatCompletion(dependencies, { request: request({ model: "acme/model:free" }), caller });
    await createChatCompletion(dependencies, { request: request({ model: "acme/model:free" }), caller });
    await expect(createChatCompletion(dependencies, { request: request({ model: "acme/model:free" }), caller })).rejects.toMatchObject({
      status: 429,
      retryAfterSeconds: expect.any(Number),
    });
  });

  it("answers 404 with the reason when no endpoint supports what the request asks, as OpenRouter does", async () => {
    const { dependencies } = setup({});
    const withImage = request({
      messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "https://example.com/cat.png" } }] }],
    });
    await expect(createChatCompletion(dependencies, { request: withImage, caller })).rejects.toMatchObject({
      status: 404,
      code: "no_endpoints_found",
      message: expect.stringContaining("image input"),
    });
    // Asking for more output than any context holds, or for a provider that does not serve the model, is the request's fault too.
    await expect(createChatCompletion(dependencies, { request: request({ max_tokens: 1e15 }), caller })).rejects.toMatchObject({ status: 404 });
    await expect(createChatCompletion(dependencies, { request: request({ provider: { only: ["nobody"] } }), caller })).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining("not in provider.only"),
    });
  });
});
