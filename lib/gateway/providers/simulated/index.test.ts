import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ChatCompletion } from "../../chat-types";
import { UpstreamError } from "../../errors";
import type { UpstreamChatRequest } from "../provider";
import { createSimulatedProvider } from "./index";
import { reassembleStream, searchTool, userRequest, weatherTool } from "./test-helpers";

const provider = createSimulatedProvider({ speed: 0 });
const options = () => ({ signal: new AbortController().signal });
const tokenCount = (text: string) => encode(text, { disallowedSpecial: new Set() }).length;
const matchesSchema = (schema: Record<string, unknown>, value: unknown) => z.fromJSONSchema(schema).safeParse(value).success;

async function complete(request: UpstreamChatRequest): Promise<ChatCompletion> {
  return provider.createChatCompletion(request, options());
}

function firstChoice(completion: ChatCompletion) {
  const choice = completion.choices[0];
  if (!choice) throw new Error("The completion has no choice.");
  return choice;
}

async function expectUpstreamError(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  if (!(error instanceof UpstreamError)) throw new Error("unreachable");
  return error;
}

const prompts = [
  "hi",
  "How should I structure caching for a Python web API that talks to a slow database? I want to keep latency low.",
  "Write a TypeScript function that groups orders by customer, and explain the trade-offs.",
  "What's the weather in Lisbon?",
];

describe("the simulated provider", () => {
  it("identifies itself and lists six simulated models with integer prices", async () => {
    expect(provider.id).toBe("simulated");
    expect(provider.name).toBe("Simulated");
    const models = await provider.listModels();
    expect(models.map((model) => model.id)).toEqual([
      "simulated/swift-mini",
      "simulated/sage-pro",
      "simulated/scout:free",
      "simulated/toolsmith",
      "simulated/lumen-vision",
      "simulated/sage-thinker",
    ]);
    for (const model of models) {
      expect(model.name).toMatch(/^Simulated: /);
      expect(model.description).toMatch(/simulated/i);
      for (const price of Object.values(model.pricing)) expect(Number.isInteger(price)).toBe(true);
    }
    const byId = new Map(models.map((model) => [model.id, model]));
    expect(byId.get("simulated/scout:free")?.pricing).toEqual({ promptPerMillion: 0, completionPerMillion: 0 });
    expect(byId.get("simulated/sage-pro")?.pricing.cacheReadPerMillion).toBe(300_000);
    expect(byId.get("simulated/lumen-vision")?.inputModalities).toEqual(["text", "image"]);
    expect(byId.get("simulated/sage-thinker")?.pricing.reasoningPerMillion).toBe(4_000_000);
    expect(byId.get("simulated/sage-thinker")?.supportedParameters).toEqual(expect.arrayContaining(["reasoning", "include_reasoning"]));
    expect(byId.get("simulated/toolsmith")?.supportedParameters).toEqual(expect.arrayContaining(["tools", "tool_choice", "parallel_tool_calls"]));
  });

  it("hands out copies of the catalog, so callers cannot change it", async () => {
    const [first] = await provider.listModels();
    if (first) first.name = "changed";
    const [again] = await provider.listModels();
    expect(again?.name).toBe("Simulated: Swift Mini");
  });

  it("answers in OpenAI's shape with a chatcmpl-sim id and the provider's model id", async () => {
    const before = Math.floor(Date.now() / 1000);
    const completion = await complete(userRequest("swift-mini", "Tell me about tide pools"));
    expect(completion.object).toBe("chat.completion");
    expect(completion.id).toMatch(/^chatcmpl-sim-[A-Za-z0-9]+$/);
    expect(completion.model).toBe("swift-mini");
    expect(completion.created).toBeGreaterThanOrEqual(before);
    expect(completion.created).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    const choice = firstChoice(completion);
    expect(choice.message.role).toBe("assistant");
    expect(choice.finish_reason).toBe("stop");
    expect(choice.message.content?.length).toBeGreaterThan(0);
  });

  it("also accepts the canonical model id", async () => {
    const completion = await complete(userRequest("simulated/scout:free", "hello"));
    expect(completion.model).toBe("scout");
  });

  it("is deterministic: the same request gives the same text and usage", async () => {
    for (const prompt of prompts) {
      const first = await complete(userRequest("sage-pro", prompt));
      const second = await complete(userRequest("sage-pro", prompt));
      expect(firstChoice(second).message.content).toBe(firstChoice(first).message.content);
      expect(second.usage).toEqual(first.usage);
      // Ids are unique per response but share a prefix derived from the request.
      expect(second.id).not.toBe(first.id);
      expect(second.id.slice(0, 25)).toBe(first.id.slice(0, 25));
    }
  });

  it("varies with the seed, the model and the prompt", async () => {
    const base = firstChoice(await complete(userRequest("swift-mini", prompts[1] ?? ""))).message.content;
    const seeded = firstChoice(await complete(userRequest("swift-mini", prompts[1] ?? "", { seed: 7 }))).message.content;
    const otherModel = firstChoice(await complete(userRequest("sage-pro", prompts[1] ?? ""))).message.content;
    const otherPrompt = firstChoice(await complete(userRequest("swift-mini", prompts[2] ?? ""))).message.content;
    expect(new Set([base, seeded, otherModel, otherPrompt]).size).toBe(4);
  });

  it("writes replies of 30 to about 250 tokens that grow with the prompt", async () => {
    for (const prompt of prompts) {
      const completion = await complete(userRequest("swift-mini", prompt));
      const completionTokens = completion.usage?.completion_tokens ?? 0;
      expect(completionTokens).toBeGreaterThanOrEqual(30);
      expect(completionTokens).toBeLessThanOrEqual(300);
    }
    const long = await complete(userRequest("swift-mini", "Please consider this carefully. ".repeat(60)));
    expect(long.usage?.completion_tokens).toBeGreaterThan(200);
  });

  it("counts completion tokens with the o200k tokenizer and prompt tokens ChatML-style", async () => {
    const request: UpstreamChatRequest = {
      model: "swift-mini",
      messages: [
        { role: "system", content: "You are a concise assistant." },
        { role: "user", content: "Summarise the plot of Hamlet." },
      ],
    };
    const completion = await complete(request);
    const content = firstChoice(completion).message.content ?? "";
    const expectedPrompt = 3 + (3 + tokenCount("system") + tokenCount("You are a concise assistant.")) + (3 + tokenCount("user") + tokenCount("Summarise the plot of Hamlet."));
    expect(completion.usage).toEqual({
      prompt_tokens: expectedPrompt,
      completion_tokens: tokenCount(content),
      total_tokens: expectedPrompt + tokenCount(content),
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });

  it("streams exactly the non-streamed reply, with the same usage", async () => {
    for (const model of ["swift-mini", "sage-pro", "scout", "lumen-vision"]) {
      for (const prompt of prompts) {
        const request = userRequest(model, prompt);
        const completion = await complete(request);
        const streamed = await reassembleStream(await provider.streamChatCompletion(request, options()));
        expect(streamed.content).toBe(firstChoice(completion).message.content);
        expect(streamed.finishReason).toBe(firstChoice(completion).finish_reason);
        expect(streamed.usage).toEqual(completion.usage);
        expect(streamed.role).toBe("assistant");
      }
    }
  });

  it("streams in OpenAI's chunk layout: role first, finish reason on the last content chunk, then usage alone", async () => {
    const { chunks } = await reassembleStream(await provider.streamChatCompletion(userRequest("swift-mini", prompts[1] ?? ""), options()));
    expect(chunks.length).toBeGreaterThan(10);
    const ids = new Set(chunks.map((chunk) => chunk.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^chatcmpl-sim-/);
    for (const chunk of chunks) {
      expect(chunk.object).toBe("chat.completion.chunk");
      expect(chunk.model).toBe("swift-mini");
    }
    expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
    const contentChunks = chunks.slice(0, -1);
    expect(contentChunks.slice(1).every((chunk) => chunk.choices[0]?.delta.role === undefined)).toBe(true);
    expect(contentChunks.slice(0, -1).every((chunk) => chunk.choices[0]?.finish_reason === null)).toBe(true);
    expect(contentChunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.completion_tokens).toBeGreaterThan(0);
    // Chunks follow token boundaries, one to three tokens each.
    for (const chunk of contentChunks) {
      const text = chunk.choices[0]?.delta.content ?? "";
      expect(tokenCount(text)).toBeGreaterThanOrEqual(1);
      expect(tokenCount(text)).toBeLessThanOrEqual(4);
    }
  });

  it("cuts the reply at max_tokens with finish_reason length", async () => {
    const unlimited = firstChoice(await complete(userRequest("sage-pro", prompts[1] ?? ""))).message.content ?? "";
    for (const limit of [1, 7, 25]) {
      for (const field of ["max_tokens", "max_completion_tokens"] as const) {
        const request = userRequest("sage-pro", prompts[1] ?? "", { [field]: limit });
        const completion = await complete(request);
        const content = firstChoice(completion).message.content ?? "";
        expect(firstChoice(completion).finish_reason).toBe("length");
        expect(completion.usage?.completion_tokens).toBeLessThanOrEqual(limit);
        expect(completion.usage?.completion_tokens).toBe(tokenCount(content));
        expect(unlimited.startsWith(content)).toBe(true);
        const streamed = await reassembleStream(await provider.streamChatCompletion(request, options()));
        expect(streamed.content).toBe(content);
        expect(streamed.finishReason).toBe("length");
      }
    }
  });

  it("finishes with stop when max_tokens leaves room", async () => {
    const completion = await complete(userRequest("swift-mini", "hi", { max_tokens: 2000 }));
    expect(firstChoice(completion).finish_reason).toBe("stop");
  });

  it("honours stop sequences, leaving them out of the reply", async () => {
    const unlimited = firstChoice(await complete(userRequest("swift-mini", prompts[1] ?? ""))).message.content ?? "";
    const stopWord = unlimited.split(" ")[6] ?? "";
    const cutAt = unlimited.indexOf(stopWord);
    for (const stop of [stopWord, ["never-appears", stopWord]]) {
      const completion = await complete(userRequest("swift-mini", prompts[1] ?? "", { stop }));
      expect(firstChoice(completion).message.content).toBe(unlimited.slice(0, cutAt));
      expect(firstChoice(completion).finish_reason).toBe("stop");
      expect(completion.usage?.completion_tokens).toBe(tokenCount(unlimited.slice(0, cutAt)));
    }
  });

  it("returns a JSON object for response_format json_object", async () => {
    const completion = await complete(userRequest("swift-mini", "List facts about octopuses", { response_format: { type: "json_object" } }));
    const parsed: unknown = JSON.parse(firstChoice(completion).message.content ?? "");
    expect(parsed).toMatchObject({ answer: expect.any(String), keywords: expect.arrayContaining(["facts", "octopuses"]) });
  });

  it("returns JSON matching the schema for response_format json_schema", async () => {
    const schema = {
      type: "object",
      properties: {
        title: { type: "string" },
        servings: { type: "integer", minimum: 1, maximum: 12 },
        vegetarian: { type: "boolean" },
        difficulty: { type: "string", enum: ["easy", "medium", "hard"] },
        ingredients: { type: "array", items: { type: "object", properties: { name: { type: "string" }, grams: { type: "number" } }, required: ["name", "grams"] } },
      },
      required: ["title", "servings", "vegetarian", "difficulty", "ingredients"],
      additionalProperties: false,
    };
    const completion = await complete(
      userRequest("sage-pro", "Give me a pancake recipe", { response_format: { type: "json_schema", json_schema: { name: "recipe", schema, strict: true } } }),
    );
    const parsed: unknown = JSON.parse(firstChoice(completion).message.content ?? "");
    expect(matchesSchema(schema, parsed)).toBe(true);
    expect(parsed).toMatchObject({ difficulty: "easy" });
  });

  it("counts images at a fixed cost on the vision model and rejects them elsewhere", async () => {
    const imageMessage = (detail: "low" | "high"): UpstreamChatRequest["messages"] => [
      {
        role: "user",
        content: [
          { type: "text", text: "What is in this picture?" },
          { type: "image_url", image_url: { url: "https://example.com/cat.png", detail } },
        ],
      },
    ];
    const low = await complete({ model: "lumen-vision", messages: imageMessage("low") });
    const high = await complete({ model: "lumen-vision", messages: imageMessage("high") });
    expect((high.usage?.prompt_tokens ?? 0) - (low.usage?.prompt_tokens ?? 0)).toBe(765 - 85);
    expect(firstChoice(low).message.content).toMatch(/image/i);
    const error = await expectUpstreamError(complete({ model: "swift-mini", messages: imageMessage("low") }));
    expect(error.upstreamStatus).toBe(400);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/image/);
  });

  it("rejects what a model does not support, as a provider's 400", async () => {
    const noTools = await expectUpstreamError(complete(userRequest("scout", "hi", { tools: [weatherTool] })));
    expect(noTools.upstreamStatus).toBe(400);
    expect(noTools.param).toBe("tools");
    const noStructuredOutputs = await expectUpstreamError(
      complete(userRequest("scout", "hi", { response_format: { type: "json_schema", json_schema: { name: "x", schema: { type: "object" } } } })),
    );
    expect(noStructuredOutputs.param).toBe("response_format");
    const tooLong = await expectUpstreamError(complete(userRequest("scout", "hi", { max_tokens: 5000 })));
    expect(tooLong.param).toBe("max_tokens");
    const overContext = await expectUpstreamError(complete(userRequest("scout", "word ".repeat(40_000))));
    expect(overContext.message).toMatch(/maximum context length is 32768 tokens/);
    const unknownTool = await expectUpstreamError(
      complete(userRequest("swift-mini", "hi", { tools: [weatherTool], tool_choice: { type: "function", function: { name: "nope" } } })),
    );
    expect(unknownTool.param).toBe("tool_choice");
    const logprobs = await expectUpstreamError(complete(userRequest("swift-mini", "hi", { logprobs: true })));
    expect(logprobs.param).toBe("logprobs");
  });

  it("fails with 404 for a model it does not serve, and streams fail before opening", async () => {
    const error = await expectUpstreamError(complete(userRequest("no-such-model", "hi")));
    expect(error.upstreamStatus).toBe(404);
    expect(error.providerId).toBe("simulated");
    await expectUpstreamError(provider.streamChatCompletion(userRequest("no-such-model", "hi"), options()));
  });

  it("treats special-token text in prompts as plain text", async () => {
    const completion = await complete(userRequest("swift-mini", "What does <|endoftext|> mean?"));
    expect(completion.usage?.prompt_tokens).toBe(3 + 3 + tokenCount("user") + tokenCount("What does <|endoftext|> mean?"));
  });

  it("rejects a speed that is not a finite non-negative number", () => {
    expect(() => createSimulatedProvider({ speed: -1 })).toThrow(RangeError);
    expect(() => createSimulatedProvider({ speed: Number.NaN })).toThrow(RangeError);
  });
});

describe("tool calls", () => {

  it("Toolsmith calls the most relevant tool, with arguments that satisfy its schema", async () => {
    const completion = await complete(userRequest("toolsmith", "Find documents about the quarterly budget", { tools: [weatherTool, searchTool], parallel_tool_calls: false }));
    const choice = firstChoice(completion);
    expect(choice.finish_reason).toBe("tool_calls");
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls).toHaveLength(1);
    const call = choice.message.tool_calls?.[0];
    expect(call?.id).toMatch(/^call_[A-Za-z0-9]{24}$/);
    expect(call?.type).toBe("function");
    expect(call?.function.name).toBe("search_documents");
    const parsed: unknown = JSON.parse(call?.function.arguments ?? "");
    expect(matchesSchema(searchTool.function.parameters, parsed)).toBe(true);
    expect(parsed).toMatchObject({ query: expect.stringContaining("quarterly"), filters: { tags: expect.any(Array) } });
    const usage = completion.usage;
    expect(usage?.completion_tokens).toBe(tokenCount(call?.function.name ?? "") + tokenCount(call?.function.arguments ?? ""));
    expect(usage?.prompt_tokens).toBeGreaterThan(tokenCount(JSON.stringify([weatherTool.function, searchTool.function])));
  });

  it("fills required fields, picks the first enum value and repeats names from the question", async () => {
    const completion = await complete(userRequest("toolsmith", "What's the weather in Lisbon today?", { tools: [weatherTool] }));
    const call = firstChoice(completion).message.tool_calls?.[0];
    const parsed: unknown = JSON.parse(call?.function.arguments ?? "");
    expect(matchesSchema(weatherTool.function.parameters, parsed)).toBe(true);
    expect(parsed).toMatchObject({ city: "Lisbon", unit: "celsius" });
  });

  it("Toolsmith may call two tools when parallel calls are allowed", async () => {
    const completion = await complete(userRequest("toolsmith", "Check the weather in Oslo and search documents about travel", { tools: [weatherTool, searchTool] }));
    const calls = firstChoice(completion).message.tool_calls ?? [];
    expect(calls.map((call) => call.function.name).sort()).toEqual(["get_weather", "search_documents"]);
    expect(new Set(calls.map((call) => call.id)).size).toBe(2);
  });

  it("calls the tool that tool_choice names, on any tool-capable model", async () => {
    for (const model of ["swift-mini", "sage-pro", "toolsmith", "lumen-vision"]) {
      const completion = await complete(
        userRequest(model, "Search documents about travel", { tools: [searchTool, weatherTool], tool_choice: { type: "function", function: { name: "get_weather" } } }),
      );
      const calls = firstChoice(completion).message.tool_calls ?? [];
      expect(calls.map((call) => call.function.name)).toEqual(["get_weather"]);
      expect(firstChoice(completion).finish_reason).toBe("tool_calls");
    }
  });

  it("other models call a tool only when required, and answer in text on auto", async () => {
    const required = await complete(userRequest("swift-mini", "What's the weather in Rome?", { tools: [weatherTool, searchTool], tool_choice: "required" }));
    expect(firstChoice(required).message.tool_calls?.map((call) => call.function.name)).toEqual(["get_weather"]);
    const auto = await complete(userRequest("swift-mini", "What's the weather in Rome?", { tools: [weatherTool] }));
    expect(firstChoice(auto).message.tool_calls).toBeUndefined();
    expect(firstChoice(auto).finish_reason).toBe("stop");
  });

  it("never calls a tool with tool_choice none", async () => {
    const completion = await complete(userRequest("toolsmith", "What's the weather in Rome?", { tools: [weatherTool], tool_choice: "none" }));
    expect(firstChoice(completion).message.tool_calls).toBeUndefined();
    expect(firstChoice(completion).message.content?.length).toBeGreaterThan(0);
  });

  it("streams tool calls as OpenAI does and reassembles to the same calls and usage", async () => {
    const request = userRequest("toolsmith", "Check the weather in Oslo and search documents about travel", { tools: [weatherTool, searchTool] });
    const completion = await complete(request);
    const streamed = await reassembleStream(await provider.streamChatCompletion(request, options()));
    expect(streamed.toolCalls).toEqual(firstChoice(completion).message.tool_calls);
    expect(streamed.finishReason).toBe("tool_calls");
    expect(streamed.usage).toEqual(completion.usage);
    const first = streamed.chunks[0]?.choices[0]?.delta;
    expect(first).toMatchObject({ role: "assistant", content: null, tool_calls: [{ index: 0, type: "function", function: { arguments: "" } }] });
    expect(first?.tool_calls?.[0]?.id).toMatch(/^call_/);
    const fragments = streamed.chunks.slice(1, -1).map((chunk) => chunk.choices[0]?.delta.tool_calls?.[0]);
    expect(fragments.every((fragment) => fragment !== undefined && typeof fragment.index === "number")).toBe(true);
  });

  it("cuts tool-call arguments at max_tokens with finish_reason length", async () => {
    const completion = await complete(userRequest("toolsmith", "What's the weather in Lisbon?", { tools: [weatherTool], max_tokens: 8 }));
    expect(firstChoice(completion).finish_reason).toBe("length");
    expect(completion.usage?.completion_tokens).toBeLessThanOrEqual(8);
  });

  it("answers a tool result in text that mentions it, instead of calling again", async () => {
    const request: UpstreamChatRequest = {
      model: "toolsmith",
      tools: [weatherTool],
      messages: [
        { role: "user", content: "What's the weather in Lisbon?" },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "call_abc", type: "function", function: { name: "get_weather", arguments: '{"city":"Lisbon","unit":"celsius"}' } }],
        },
        { role: "tool", tool_call_id: "call_abc", content: '{"temperature":21,"conditions":"sunny 🌞"}' },
      ],
    };
    const completion = await complete(request);
    const choice = firstChoice(completion);
    expect(choice.finish_reason).toBe("stop");
    expect(choice.message.tool_calls).toBeUndefined();
    expect(choice.message.content).toContain("`get_weather`");
    expect(choice.message.content).toContain("temperature = 21");
    expect(choice.message.content).toContain("sunny 🌞");
    const streamed = await reassembleStream(await provider.streamChatCompletion(request, options()));
    expect(streamed.content).toBe(choice.message.content);
  });
});

describe("fault injection", () => {
  it.each([429, 500, 503])("[fault:%i] fails with that upstream status before any output", async (status) => {
    const request = userRequest("swift-mini", `Hello [fault:${status}] there`);
    const error = await expectUpstreamError(complete(request));
    expect(error.upstreamStatus).toBe(status);
    expect(error.isRetryable).toBe(true);
    await expectUpstreamError(provider.streamChatCompletion(request, options()));
  });

  it("[fault:429] carries a retry hint", async () => {
    const error = await expectUpstreamError(complete(userRequest("sage-pro", "[fault:429]")));
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(2);
    expect(error.message).toMatch(/retry after 2 seconds/i);
  });

  it("only looks at the last user message", async () => {
    const completion = await complete({
      model: "swift-mini",
      messages: [
        { role: "user", content: "[fault:500]" },
        { role: "assistant", content: "Sorry, something went wrong." },
        { role: "user", content: "Try again please" },
      ],
    });
    expect(firstChoice(completion).finish_reason).toBe("stop");
  });

  it("[fault:midstream] streams some chunks, then throws", async () => {
    const request = userRequest("swift-mini", "Tell me about rivers [fault:midstream]");
    const stream = await provider.streamChatCompletion(request, options());
    const received: string[] = [];
    let failure: unknown;
    try {
      for await (const chunk of stream) {
        received.push(chunk.choices[0]?.delta.content ?? "");
        expect(chunk.choices[0]?.finish_reason ?? null).toBeNull();
      }
    } catch (error) {
      failure = error;
    }
    expect(received.length).toBeGreaterThan(0);
    expect(failure).toBeInstanceOf(UpstreamError);
    expect(failure).toMatchObject({ upstreamStatus: 502 });
    expect(received.join("")).not.toMatch(/\bfault\b/);
    const error = await expectUpstreamError(complete(request));
    expect(error.status).toBe(502);
  });

  it("keeps fault markers out of the answer", async () => {
    const completion = await complete(userRequest("swift-mini", "Explain volcanoes [fault:slow]"));
    expect(firstChoice(completion).message.content).not.toMatch(/\bfault\b|\[|\]/);
  });
});

describe("reasoning (Sage Thinker)", () => {
  const question = "How should I structure caching for a Python web API that talks to a slow database?";

  it("returns its thinking as message.reasoning and bills it as reasoning tokens within completion tokens", async () => {
    const completion = await complete(userRequest("sage-thinker", question));
    const { message, finish_reason } = firstChoice(completion);
    expect(finish_reason).toBe("stop");
    const reasoning = message.reasoning ?? "";
    expect(reasoning.split(/(?<=[.!?])\s+/).length).toBeGreaterThanOrEqual(2);
    expect(reasoning.split(/(?<=[.!?])\s+/).length).toBeLessThanOrEqual(4);
    expect(reasoning).toMatch(/caching/);
    const reasoningTokens = tokenCount(reasoning);
    expect(completion.usage?.completion_tokens_details?.reasoning_tokens).toBe(reasoningTokens);
    expect(completion.usage?.completion_tokens).toBe(reasoningTokens + tokenCount(message.content ?? ""));
  });

  it("streams the reasoning before the content, reassembling to the non-streamed reply", async () => {
    const request = userRequest("sage-thinker", question);
    const completion = await complete(request);
    const stream = await reassembleStream(await provider.streamChatCompletion({ ...request, stream: true }, options()));
    const deltas = stream.chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta));
    const firstContent = deltas.findIndex((delta) => typeof delta.content === "string");
    const lastReasoning = deltas.findLastIndex((delta) => typeof delta.reasoning === "string");
    expect(lastReasoning).toBeGreaterThan(0);
    expect(firstContent).toBeGreaterThan(lastReasoning);
    expect(deltas[0]?.role).toBe("assistant");
    expect(deltas.map((delta) => delta.reasoning ?? "").join("")).toBe(firstChoice(completion).message.reasoning);
    expect(stream.content).toBe(firstChoice(completion).message.content);
    expect(stream.usage).toEqual(completion.usage);
  });

  it.each([{ reasoning: { exclude: true } }, { include_reasoning: false }])("hides the reasoning but still bills it with %j", async (extra) => {
    const shown = await complete(userRequest("sage-thinker", question));
    const request = userRequest("sage-thinker", question, extra);
    const hidden = await complete(request);
    expect(firstChoice(hidden).message.reasoning).toBeUndefined();
    expect(firstChoice(hidden).message.content).toBe(firstChoice(shown).message.content);
    expect(hidden.usage).toEqual(shown.usage);
    expect(hidden.usage?.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);
    const stream = await reassembleStream(await provider.streamChatCompletion({ ...request, stream: true }, options()));
    expect(stream.chunks.some((chunk) => chunk.choices.some((choice) => choice.delta.reasoning !== undefined))).toBe(false);
    expect(stream.usage).toEqual(shown.usage);
  });

  it("does not reason with reasoning.enabled false", async () => {
    const request = userRequest("sage-thinker", question, { reasoning: { enabled: false } });
    const completion = await complete(request);
    const { message } = firstChoice(completion);
    expect(message.reasoning).toBeUndefined();
    expect(completion.usage?.completion_tokens_details?.reasoning_tokens).toBe(0);
    expect(completion.usage?.completion_tokens).toBe(tokenCount(message.content ?? ""));
    const stream = await reassembleStream(await provider.streamChatCompletion({ ...request, stream: true }, options()));
    expect(stream.chunks.some((chunk) => chunk.choices.some((choice) => choice.delta.reasoning !== undefined))).toBe(false);
  });

  it("counts reasoning and answer against max_tokens, cutting inside the reasoning if need be", async () => {
    const full = await complete(userRequest("sage-thinker", question));
    const reasoningTokens = full.usage?.completion_tokens_details?.reasoning_tokens ?? 0;

    const midThought = await complete(userRequest("sage-thinker", question, { max_tokens: 5 }));
    expect(firstChoice(midThought).finish_reason).toBe("length");
    expect(firstChoice(midThought).message.content).toBe("");
    expect(firstChoice(midThought).message.reasoning).toBe(firstChoice(full).message.reasoning?.slice(0, firstChoice(midThought).message.reasoning?.length));
    expect(midThought.usage?.completion_tokens).toBe(5);
    expect(midThought.usage?.completion_tokens_details?.reasoning_tokens).toBe(5);

    const limit = reasoningTokens + 10;
    const midAnswer = await complete(userRequest("sage-thinker", question, { max_tokens: limit }));
    expect(firstChoice(midAnswer).finish_reason).toBe("length");
    expect(firstChoice(midAnswer).message.reasoning).toBe(firstChoice(full).message.reasoning);
    expect(midAnswer.usage?.completion_tokens).toBe(limit);
    expect(tokenCount(firstChoice(midAnswer).message.content ?? "")).toBe(10);

    const streamed = await reassembleStream(await provider.streamChatCompletion(userRequest("sage-thinker", question, { max_tokens: 5, stream: true }), options()));
    expect(streamed.finishReason).toBe("length");
    expect(streamed.usage).toEqual(midThought.usage);
  });

  it("reasons before calling a tool, and streams tool calls after the reasoning", async () => {
    const request = userRequest("sage-thinker", "What's the weather in Lisbon?", { tools: [weatherTool], tool_choice: "required" });
    const completion = await complete(request);
    const choice = firstChoice(completion);
    expect(choice.finish_reason).toBe("tool_calls");
    expect(choice.message.reasoning).toMatch(/get_weather/);
    expect(choice.message.tool_calls?.[0]?.function.name).toBe("get_weather");
    const stream = await reassembleStream(await provider.streamChatCompletion({ ...request, stream: true }, options()));
    expect(stream.toolCalls).toEqual(choice.message.tool_calls);
    expect(stream.usage).toEqual(completion.usage);
    const deltas = stream.chunks.flatMap((chunk) => chunk.choices.map((item) => item.delta));
    expect(deltas.findIndex((delta) => delta.tool_calls)).toBeGreaterThan(deltas.findLastIndex((delta) => typeof delta.reasoning === "string"));
  });

  it("keeps fault injection working", async () => {
    const error = await expectUpstreamError(complete(userRequest("sage-thinker", "hi [fault:503]")));
    expect(error.upstreamStatus).toBe(503);
    const stream = await provider.streamChatCompletion(userRequest("sage-thinker", "Tell me about lighthouses [fault:midstream]"), options());
    await expectUpstreamError(reassembleStream(stream));
  });

  it("other models never reason, even when asked to", async () => {
    const completion = await complete(userRequest("sage-pro", question, { reasoning: { enabled: true } }));
    expect(firstChoice(completion).message.reasoning).toBeUndefined();
    expect(completion.usage?.completion_tokens_details?.reasoning_tokens).toBe(0);
  });
});
