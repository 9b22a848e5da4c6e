import type { UIMessageChunk } from "ai";
import { describe, expect, it } from "vitest";
import { createCatalog } from "../gateway/catalog/create-catalog";
import type { ChatCompletionChunk } from "../gateway/chat-types";
import type { GatewayDependencies } from "../gateway/completion/create-chat-completion";
import { UpstreamError } from "../gateway/errors";
import type { CallOptions, ProviderAdapter, ProviderModel } from "../gateway/providers/provider";
import { createFreeModelLimiter } from "../gateway/rate-limit/free-model-limiter";
import { createMemoryGatewayStore } from "../testing/memory-gateway-store";
import { createChatReplyStream, type SavedReply } from "./create-chat-reply-stream";

const model: ProviderModel = {
  id: "acme/model",
  providerModelId: "acme-1",
  name: "Acme",
  contextLength: 8192,
  maxOutputTokens: 1024,
  pricing: { promptPerMillion: 1_000_000, completionPerMillion: 2_000_000 },
  supportedParameters: [],
  inputModalities: ["text"],
};

const delta = (content: string, extra: Partial<ChatCompletionChunk["choices"][number]["delta"]> = {}, finish: string | null = null): ChatCompletionChunk => ({
  id: "up",
  object: "chat.completion.chunk",
  created: 1,
  model: "acme-1",
  choices: [{ index: 0, delta: { content, ...extra }, finish_reason: finish }],
});

const usage: ChatCompletionChunk = { id: "up", object: "chat.completion.chunk", created: 1, model: "acme-1", choices: [], usage: { prompt_tokens: 10, completion_tokens: 4 } };

function setup(stream: (options: CallOptions) => AsyncIterable<ChatCompletionChunk>, balance = 1_000_000n) {
  const adapter: ProviderAdapter = {
    id: "acme",
    name: "Acme",
    listModels: async () => [model],
    createChatCompletion: async () => {
      throw new Error("not used");
    },
    streamChatCompletion: async (_request, options) => stream(options),
  };
  const memory = createMemoryGatewayStore({ balances: { user: balance } });
  const dependencies: GatewayDependencies = {
    catalog: createCatalog({ providers: [adapter] }),
    store: memory.store,
    freeLimiter: createFreeModelLimiter({ perMinute: 10, perDay: 10 }),
    settings: { keepAliveMs: 1000, upstreamTimeoutMs: 5000 },
  };
  const saved: SavedReply[] = [];
  const abort = new AbortController();
  const replyStream = createChatReplyStream({
    dependencies,
    store: memory.store,
    caller: { userId: "user", apiKeyId: null },
    model: "acme/model",
    request: { model: "acme/model", messages: [{ role: "user", content: "Hi" }], stream: true },
    signal: abort.signal,
    messageId: "msg-1",
    save: async (reply) => {
      saved.push(reply);
    },
  });
  return { replyStream, saved, memory, abort };
}

async function collect(stream: ReadableStream<UIMessageChunk>): Promise<UIMessageChunk[]> {
  const chunks: UIMessageChunk[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

describe("createChatReplyStream", () => {
  it("streams text and reasoning as UI chunks and ends with the recorded stats", async () => {
    const { replyStream, saved, memory } = setup(async function* () {
      yield delta("", { reasoning: "Thinking." });
      yield delta("Hel");
      yield delta("lo", {}, "stop");
      yield usage;
    });
    const chunks = await collect(replyStream);
    const types = chunks.map((chunk) => chunk.type);
    expect(types).toEqual([
      "start",
      "reasoning-start",
      "reasoning-delta",
      "reasoning-end",
      "text-start",
      "text-delta",
      "text-delta",
      "text-end",
      "message-metadata",
      "finish",
    ]);
    const metadata = chunks.find((chunk) => chunk.type === "message-metadata");
    expect(metadata).toMatchObject({
      messageMetadata: { status: "complete", provider: "Acme", promptTokens: 10, completionTokens: 4, cost: 0.000018, costMicros: "18" },
    });
    expect(saved).toEqual([
      expect.objectContaining({ id: "msg-1", status: "complete", generationId: memory.generations[0]!.id, parts: [expect.objectContaining({ type: "reasoning" }), expect.objectContaining({ type: "text", text: "Hello" })] }),
    ]);
  });

  it("turns streamed tool calls into a tool part with parsed input", async () => {
    const { replyStream, saved } = setup(async function* () {
      yield delta("", { tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "weather", arguments: '{"city":' } }] });
      yield delta("", { tool_calls: [{ index: 0, function: { arguments: '"Oslo"}' } }] }, "tool_calls");
      yield usage;
    });
    const chunks = await collect(replyStream);
    expect(chunks).toContainEqual(expect.objectContaining({ type: "tool-input-available", toolName: "weather", input: { city: "Oslo" } }));
    expect(saved[0]?.parts).toEqual([expect.objectContaining({ type: "dynamic-tool", toolName: "weather", input: { city: "Oslo" } })]);
  });

  it("explains running out of credits in words, inline, and saves the reply as an error", async () => {
    const { replyStream, saved } = setup(async function* () {
      yield delta("never");
    }, 0n);
    const chunks = await collect(replyStream);
    const error = chunks.find((chunk) => chunk.type === "error");
    expect(error).toMatchObject({ errorText: expect.stringContaining("out of credits") });
    expect(chunks).toContainEqual(expect.objectContaining({ type: "message-metadata", messageMetadata: expect.objectContaining({ status: "error" }) }));
    expect(saved[0]).toMatchObject({ status: "error", error: expect.stringContaining("out of credits") });
  });

  it("reports a provider failure mid-reply and keeps what was written", async () => {
    const { replyStream, saved } = setup(async function* () {
      yield delta("Part of an answer");
      throw new UpstreamError("Acme dropped the connection.", { providerId: "acme" });
    });
    const chunks = await collect(replyStream);
    expect(chunks.find((chunk) => chunk.type === "error")).toMatchObject({ errorText: expect.stringContaining("having trouble") });
    expect(saved[0]).toMatchObject({ status: "error", parts: [expect.objectContaining({ text: "Part of an answer" })] });
  });

  it("saves a stopped reply with the generation the gateway recorded as cancelled", async () => {
    const { replyStream, saved, memory, abort } = setup(async function* (options) {
      for (let index = 0; index < 1000; index++) {
        options.signal.throwIfAborted();
        yield delta(`word${index} `);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    });
    const reader = replyStream.getReader();
    let deltas = 0;
    while (deltas < 3) {
      const { value } = await reader.read();
      if (value?.type === "text-delta") deltas++;
    }
    abort.abort();
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
    }
    await expect.poll(() => saved.length).toBe(1);
    expect(saved[0]).toMatchObject({ status: "stopped", generationId: memory.generations[0]?.id });
    expect(memory.generations[0]).toMatchObject({ status: "cancelled" });
  });
});
