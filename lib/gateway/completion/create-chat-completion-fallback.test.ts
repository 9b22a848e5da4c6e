import { describe, expect, it } from "vitest";
import { createCatalog } from "../catalog/create-catalog";
import type { ChatCompletion, ChatCompletionChunk } from "../chat-types";
import { UpstreamError } from "../errors";
import type { CallOptions, ProviderAdapter, ProviderModel } from "../providers/provider";
import { createFreeModelLimiter } from "../rate-limit/free-model-limiter";
import { createEndpointHealth } from "../routing/endpoint-health";
import type { ChatCompletionRequest } from "../schema/chat-completion-request";
import { createMemoryGatewayStore } from "../../testing/memory-gateway-store";
import { createChatCompletion, type GatewayDependencies } from "./create-chat-completion";

const model = (id: string, promptPerMillion: number): ProviderModel => ({
  id,
  providerModelId: id.split("/")[1]!,
  name: id,
  contextLength: 8192,
  maxOutputTokens: 1024,
  pricing: { promptPerMillion, completionPerMillion: promptPerMillion },
  supportedParameters: [],
  inputModalities: ["text"],
});

const completion = (text: string): ChatCompletion => ({
  id: "up",
  object: "chat.completion",
  created: 1,
  model: "m",
  choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
  usage: { prompt_tokens: 10, completion_tokens: 5 },
});

const chunk = (delta: ChatCompletionChunk["choices"][number]["delta"], finishReason: string | null = null): ChatCompletionChunk => ({
  id: "up",
  object: "chat.completion.chunk",
  created: 1,
  model: "m",
  choices: [{ index: 0, delta, finish_reason: finishReason }],
});

interface Behaviour {
  /** Thrown before anything is returned, as a refused request. */
  failure?: UpstreamError;
  /** Replaces the default stream (one chunk with the provider's name). */
  stream?: (signal: AbortSignal) => AsyncIterable<ChatCompletionChunk>;
  /** Replaces the default completion. */
  complete?: (signal: AbortSignal) => Promise<ChatCompletion>;
}

/** A provider that answers with its name, or behaves as told, and counts its calls and aborts. */
function provider(id: string, models: ProviderModel[], behaviour: UpstreamError | Behaviour = {}): ProviderAdapter & { calls: number; aborts: number } {
  const { failure, stream, complete } = behaviour instanceof UpstreamError ? { failure: behaviour } : behaviour;
  const adapter = {
    id,
    name: id.toUpperCase(),
    calls: 0,
    aborts: 0,
    listModels: async () => models,
    async createChatCompletion(_request: unknown, options: CallOptions) {
      adapter.calls++;
      options.signal.addEventListener("abort", () => adapter.aborts++);
      if (failure) throw failure;
      return complete ? complete(options.signal) : completion(`from ${id}`);
    },
    async streamChatCompletion(_request: unknown, options: CallOptions) {
      adapter.calls++;
      options.signal.addEventListener("abort", () => adapter.aborts++);
      if (failure) throw failure;
      if (stream) return stream(options.signal);
      return (async function* (): AsyncGenerator<ChatCompletionChunk> {
        yield chunk({ content: `from ${id}` }, "stop");
      })();
    },
  };
  return adapter;
}

/** Resolves never; rejects with the signal's reason once it is aborted, as fetch does. */
function hang(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason as Error);
    signal.addEventListener("abort", () => reject(signal.reason as Error), { once: true });
  });
}

function setup(providers: ProviderAdapter[], upstreamTimeoutMs = 5000) {
  const memory = createMemoryGatewayStore({ balances: { user: 1_000_000n } });
  const dependencies: GatewayDependencies = {
    catalog: createCatalog({ providers }),
    store: memory.store,
    freeLimiter: createFreeModelLimiter({ perMinute: 100, perDay: 100 }),
    settings: { keepAliveMs: 1000, upstreamTimeoutMs },
    // The price-weighted draw then always picks the cheapest, so the tests know who goes first.
    random: () => 0,
  };
  return { dependencies, memory };
}

const caller = { userId: "user", apiKeyId: null };
const ask = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({ model: "acme/model", messages: [{ role: "user", content: "Hi" }], ...extra });
const outage = (id: string, status = 503) => new UpstreamError(`${id} returned ${status}`, { providerId: id, upstreamStatus: status });

describe("fallbacks before the first byte", () => {
  it("moves on to the next endpoint when the cheapest fails, records the attempt, and bills only the one that served", async () => {
    const cheap = provider("cheap", [model("acme/model", 1_000_000)], outage("cheap"));
    const dear = provider("dear", [model("acme/model", 2_000_000)]);
    const { dependencies, memory } = setup([dear, cheap]);
    const outcome = await createChatCompletion(dependencies, { request: ask(), caller });
    if (outcome.type !== "json") throw new Error("expected JSON");
    expect(outcome.body).toMatchObject({ provider: "DEAR", choices: [{ message: { content: "from dear" } }] });
    expect(memory.generations).toHaveLength(1);
    expect(memory.generations[0]).toMatchObject({
      providerId: "dear",
      status: "success",
      costMicros: 30n,
      attempts: [{ providerId: "cheap", model: "acme/model", status: 503, error: "cheap returned 503" }],
    });
  });

  it("falls back for streams too, before anything was sent", async () => {
    const cheap = provider("cheap", [model("acme/model", 1_000_000)], outage("cheap", 429));
    const dear = provider("dear", [model("acme/model", 2_000_000)]);
    const { dependencies, memory } = setup([cheap, dear]);
    const outcome = await createChatCompletion(dependencies, { request: ask({ stream: true }), caller });
    if (outcome.type !== "stream") throw new Error("expected a stream");
    const body = await new Response(outcome.stream).text();
    expect(body).toContain("from dear");
    expect(body).not.toContain("from cheap");
    expect(memory.generations[0]).toMatchObject({ providerId: "dear", attempts: [{ providerId: "cheap", status: 429 }] });
  });

  it("honours allow_fallbacks: false", async () => {
    const cheap = provider("cheap", [model("acme/model", 1_000_000)], outage("cheap"));
    const dear = provider("dear", [model("acme/model", 2_000_000)]);
    const { dependencies, memory } = setup([cheap, dear]);
    await expect(createChatCompletion(dependencies, { request: ask({ provider: { allow_fallbacks: false } }), caller })).rejects.toMatchObject({ status: 502 });
    expect(dear.calls).toBe(0);
    expect(memory.generations[0]).toMatchObject({ providerId: "cheap", status: "error", attempts: [] });
  });

  it("does not fall back when the request itself was refused", async () => {
    const cheap = provider("cheap", [model("acme/model", 1_000_000)], outage("cheap", 400));
    const dear = provider("dear", [model("acme/model", 2_000_000)]);
    const { dependencies } = setup([cheap, dear]);
    await expect(createChatCompletion(dependencies, { request: ask(), caller })).rejects.toMatchObject({ status: 400 });
    expect(dear.calls).toBe(0);
  });

  it("tries the models list in order after the requested model's endpoints", async () => {
    const primary = provider("primary", [model("acme/model", 1_000_000)], outage("primary", 500));
    const backup = provider("backup", [model("other/model", 3_000_000)]);
    const { dependencies, memory } = setup([primary, backup]);
    const outcome = await createChatCompletion(dependencies, { request: ask({ models: ["other/model"] }), caller });
    if (outcome.type !== "json") throw new Error("expected JSON");
    expect(outcome.body).toMatchObject({ model: "other/model", provider: "BACKUP" });
    expect(memory.generations[0]).toMatchObject({ requestedModel: "acme/model", model: "other/model", attempts: [{ providerId: "primary", model: "acme/model", status: 500 }] });
  });

  it("reports the last failure when every endpoint fails, with every attempt recorded", async () => {
    const one = provider("one", [model("acme/model", 1_000_000)], outage("one", 503));
    const two = provider("two", [model("acme/model", 2_000_000)], outage("two", 500));
    const { dependencies, memory } = setup([one, two]);
    await expect(createChatCompletion(dependencies, { request: ask(), caller })).rejects.toMatchObject({ status: 502, message: "two returned 500" });
    expect(memory.generations).toHaveLength(1);
    expect(memory.generations[0]).toMatchObject({ providerId: "two", status: "error", costMicros: 0n, attempts: [{ providerId: "one", status: 503 }] });
  });
});

describe("fallbacks after the provider accepted, before any output", () => {
  const dropped = (id: string) => new UpstreamError(`${id} closed the connection.`, { providerId: id });

  it("gives up on a provider that accepts a stream but sends no first token in time, and streams from the next", async () => {
    const slow = provider("slow", [model("acme/model", 1_000_000)], {
      async *stream(signal) {
        yield chunk({ role: "assistant", content: "" });
        await hang(signal);
      },
    });
    const fast = provider("fast", [model("acme/model", 2_000_000)]);
    const { dependencies, memory } = setup([slow, fast], 40);
    const outcome = await createChatCompletion(dependencies, { request: ask({ stream: true }), caller });
    if (outcome.type !== "stream") throw new Error("expected a stream");
    const body = await new Response(outcome.stream).text();
    expect(body).toContain("from fast");
    expect(body).toContain('"provider":"FAST"');
    expect(body).not.toContain('"provider":"SLOW"');
    expect(body).toContain("data: [DONE]");
    expect(slow.aborts).toBe(1);
    expect(memory.generations).toHaveLength(1);
    expect(memory.generations[0]).toMatchObject({
      providerId: "fast",
      status: "success",
      attempts: [{ providerId: "slow", status: 408, error: "SLOW did not answer in time." }],
    });
  });

  it("falls back when the stream drops before its first token, and the client sees only the second provider", async () => {
    const flaky = provider("flaky", [model("acme/model", 1_000_000)], {
      async *stream() {
        yield chunk({ role: "assistant", content: "" });
        throw dropped("flaky");
      },
    });
    const steady = provider("steady", [model("acme/model", 2_000_000)]);
    const { dependencies, memory } = setup([flaky, steady]);
    const outcome = await createChatCompletion(dependencies, { request: ask({ stream: true }), caller });
    if (outcome.type !== "stream") throw new Error("expected a stream");
    const body = await new Response(outcome.stream).text();
    const providers = new Set([...body.matchAll(/"provider":"([A-Z]+)"/g)].map((match) => match[1]));
    expect([...providers]).toEqual(["STEADY"]);
    expect(memory.generations[0]).toMatchObject({ providerId: "steady", attempts: [{ providerId: "flaky", status: null, error: "flaky closed the connection." }] });
  });

  it("reports a failure after the first token and does not retry it elsewhere", async () => {
    const broken = provider("broken", [model("acme/model", 1_000_000)], {
      async *stream() {
        yield chunk({ content: "half an ans" });
        throw dropped("broken");
      },
    });
    const spare = provider("spare", [model("acme/model", 2_000_000)]);
    const { dependencies, memory } = setup([broken, spare]);
    const outcome = await createChatCompletion(dependencies, { request: ask({ stream: true }), caller });
    if (outcome.type !== "stream") throw new Error("expected a stream");
    const body = await new Response(outcome.stream).text();
    expect(body).toContain("half an ans");
    expect(body).toContain('"error":{"message":"broken closed the connection."');
    expect(body).not.toContain("data: [DONE]");
    expect(spare.calls).toBe(0);
    expect(memory.generations).toHaveLength(1);
    expect(memory.generations[0]).toMatchObject({ providerId: "broken", status: "error", attempts: [] });
  });

  it("gives up on a provider that does not answer a JSON request in time and asks the next", async () => {
    const stuck = provider("stuck", [model("acme/model", 1_000_000)], { complete: hang });
    const fine = provider("fine", [model("acme/model", 2_000_000)]);
    const { dependencies, memory } = setup([stuck, fine], 40);
    const outcome = await createChatCompletion(dependencies, { request: ask(), caller });
    if (outcome.type !== "json") throw new Error("expected JSON");
    expect(outcome.body).toMatchObject({ provider: "FINE" });
    expect(stuck.aborts).toBe(1);
    expect(memory.generations[0]).toMatchObject({ providerId: "fine", attempts: [{ providerId: "stuck", status: 408 }] });
  });

  it("answers 408 when every provider is too slow, in the stream once it has started", async () => {
    const slowStream = (signal: AbortSignal) =>
      (async function* () {
        yield chunk({ role: "assistant" });
        await hang(signal);
      })();
    const one = provider("one", [model("acme/model", 1_000_000)], { stream: slowStream });
    const two = provider("two", [model("acme/model", 2_000_000)], { stream: slowStream });
    const { dependencies, memory } = setup([one, two], 30);
    const outcome = await createChatCompletion(dependencies, { request: ask({ stream: true }), caller });
    if (outcome.type !== "stream") throw new Error("expected a stream");
    const body = await new Response(outcome.stream).text();
    expect(body).toContain('"error":{"message":"TWO did not answer in time.","type":"request_timeout","code":408');
    expect(memory.generations).toHaveLength(1);
    expect(memory.generations[0]).toMatchObject({ providerId: "two", status: "error", httpStatus: 408, costMicros: 0n, attempts: [{ providerId: "one", status: 408 }] });
  });

  it("treats an empty reply as an answer, not a failure", async () => {
    const terse = provider("terse", [model("acme/model", 1_000_000)], {
      async *stream() {
        yield chunk({ role: "assistant", content: "" });
        yield chunk({}, "stop");
      },
    });
    const other = provider("other", [model("acme/model", 2_000_000)]);
    const { dependencies, memory } = setup([terse, other]);
    const outcome = await createChatCompletion(dependencies, { request: ask({ stream: true }), caller });
    if (outcome.type !== "stream") throw new Error("expected a stream");
    await new Response(outcome.stream).text();
    expect(other.calls).toBe(0);
    expect(memory.generations[0]).toMatchObject({ providerId: "terse", status: "success", finishReason: "stop" });
  });
});

describe("switchyard/auto", () => {
  it("answers with the model it picked, falls back across its picks, and records what was asked for", async () => {
    const mini = provider("openai", [model("openai/gpt-4o-mini", 150_000)], outage("openai", 500));
    const flash = provider("google", [model("google/gemini-2.5-flash", 300_000)]);
    const { dependencies, memory } = setup([mini, flash]);
    const outcome = await createChatCompletion(dependencies, { request: ask({ model: "switchyard/auto" }), caller });
    if (outcome.type !== "json") throw new Error("expected JSON");
    expect(outcome.body).toMatchObject({ model: "google/gemini-2.5-flash", provider: "GOOGLE" });
    expect(memory.generations[0]).toMatchObject({
      requestedModel: "switchyard/auto",
      model: "google/gemini-2.5-flash",
      attempts: [{ providerId: "openai", model: "openai/gpt-4o-mini", status: 500 }],
    });
  });

  it("answers 404 when no configured model can serve what the request asks", async () => {
    const plain = provider("plain", [model("acme/model", 1_000_000)]);
    const { dependencies } = setup([plain]);
    const request = ask({ model: "switchyard/auto", tools: [{ type: "function", function: { name: "f", parameters: {} } }] });
    await expect(createChatCompletion(dependencies, { request, caller })).rejects.toMatchObject({ status: 404, code: "no_endpoints_found" });
  });

  it("answers 503 while the only endpoint that could serve is out after errors, since a retry later can succeed", async () => {
    const only = provider("only", [model("acme/model", 1_000_000)]);
    const { dependencies } = setup([only]);
    const health = createEndpointHealth({ consecutiveFailureLimit: 1 });
    health.recordFailure("only/acme/model");
    await expect(createChatCompletion({ ...dependencies, health }, { request: ask(), caller })).rejects.toMatchObject({
      status: 503,
      code: "no_provider_available",
      message: expect.stringContaining("circuit open"),
    });
    expect(only.calls).toBe(0);
  });
});

describe("credit holds", () => {
  it("holds what a request can cost while it runs, refuses another once nothing is left, and releases the hold when it settles", async () => {
    const only = provider("only", [model("acme/model", 1_000_000)]);
    const { dependencies, memory } = setup([only]);
    memory.balances.set("user", 50n);
    const outcome = await createChatCompletion(dependencies, { request: ask({ stream: true }), caller });
    if (outcome.type !== "stream") throw new Error("expected a stream");
    // The first request holds the whole balance (its maximum is more), so a second one finds nothing.
    expect([...memory.holds.values()]).toEqual([expect.objectContaining({ userId: "user", amountMicros: 50n })]);
    await expect(createChatCompletion(dependencies, { request: ask(), caller })).rejects.toMatchObject({ status: 402 });
    await new Response(outcome.stream).text();
    expect(memory.holds.size).toBe(0);
    expect(memory.generations).toHaveLength(1);
  });

  it("holds nothing for free models", async () => {
    const free = provider("free", [model("acme/model:free", 0)]);
    const { dependencies, memory } = setup([free]);
    memory.balances.set("user", 0n);
    const outcome = await createChatCompletion(dependencies, { request: ask({ model: "acme/model:free" }), caller });
    expect(outcome.type).toBe("json");
    expect(memory.holds.size).toBe(0);
  });
});

describe("bring your own key", () => {
  it("calls the provider with the caller's own key first and bills the fee, not the price", async () => {
    const shared = provider("acme", [model("acme/model", 1_000_000)]);
    const mine = provider("acme", [], undefined);
    const { dependencies, memory } = setup([shared]);
    dependencies.ownKeys = {
      feePercent: 5,
      providersFor: async (userId) => (userId === "user" ? { adapters: new Map([["acme", mine]]), findModel: () => undefined } : null),
    };
    const outcome = await createChatCompletion(dependencies, { request: ask(), caller });
    if (outcome.type !== "json") throw new Error("expected JSON");
    expect(mine.calls).toBe(1);
    expect(shared.calls).toBe(0);
    // The list price is (10 + 5) tokens at $1/M = 15 µ$; 5% of it, rounded up, is 1 µ$.
    expect(memory.generations[0]).toMatchObject({ byok: true, costMicros: 1n });
    expect(outcome.body).toMatchObject({ usage: { cost: 0.000001 } });
  });

  it("falls back to the instance's key when the caller's own key is refused by the provider with a retryable error", async () => {
    const shared = provider("acme", [model("acme/model", 1_000_000)]);
    const mine = provider("acme", [], outage("acme", 429));
    const { dependencies, memory } = setup([shared]);
    dependencies.ownKeys = { feePercent: 5, providersFor: async () => ({ adapters: new Map([["acme", mine]]), findModel: () => undefined }) };
    await createChatCompletion(dependencies, { request: ask(), caller });
    expect(memory.generations[0]).toMatchObject({ byok: false, costMicros: 15n, attempts: [{ providerId: "acme", status: 429 }] });
  });
});
