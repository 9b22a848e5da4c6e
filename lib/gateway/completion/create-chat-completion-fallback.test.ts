import { describe, expect, it } from "vitest";
import { createCatalog } from "../catalog/create-catalog";
import type { ChatCompletion, ChatCompletionChunk } from "../chat-types";
import { UpstreamError } from "../errors";
import type { ProviderAdapter, ProviderModel } from "../providers/provider";
import { createFreeModelLimiter } from "../rate-limit/free-model-limiter";
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

/** A provider that answers with its name, or fails with the given error, and counts its calls. */
function provider(id: string, models: ProviderModel[], failure?: UpstreamError): ProviderAdapter & { calls: number } {
  const adapter = {
    id,
    name: id.toUpperCase(),
    calls: 0,
    listModels: async () => models,
    async createChatCompletion() {
      adapter.calls++;
      if (failure) throw failure;
      return completion(`from ${id}`);
    },
    async streamChatCompletion() {
      adapter.calls++;
      if (failure) throw failure;
      return (async function* (): AsyncGenerator<ChatCompletionChunk> {
        yield { id: "up", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: { content: `from ${id}` }, finish_reason: "stop" }] };
      })();
    },
  };
  return adapter;
}

function setup(providers: ProviderAdapter[]) {
  const memory = createMemoryGatewayStore({ balances: { user: 1_000_000n } });
  const dependencies: GatewayDependencies = {
    catalog: createCatalog({ providers }),
    store: memory.store,
    freeLimiter: createFreeModelLimiter({ perMinute: 100, perDay: 100 }),
    settings: { keepAliveMs: 1000, upstreamTimeoutMs: 5000 },
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
