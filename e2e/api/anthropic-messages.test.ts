import { readFileSync } from "node:fs";
import path from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from "@/lib/testing/fake-openai-upstream";
import { startApp, type RunningApp } from "../support/start-app";

const FIXTURES = path.resolve(import.meta.dirname, "../../lib/gateway/providers/openai-compatible/__fixtures__");
const fixtureText = (JSON.parse(readFileSync(path.join(FIXTURES, "openai-text.json"), "utf8")) as { choices: Array<{ message: { content: string } }> })
  .choices[0]!.message.content;

const weatherTool: Anthropic.Tool = {
  name: "get_weather",
  description: "Current weather for a city",
  input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

let upstream: FakeOpenAIUpstream;
let app: RunningApp;
let client: Anthropic;
let apiKey: string;

beforeAll(async () => {
  upstream = await startFakeOpenAIUpstream();
  app = await startApp({ env: { OPENAI_API_KEY: "sk-upstream-test", OPENAI_BASE_URL: upstream.url, SIMULATED_PROVIDER: "on" } });
  apiKey = app.createKey({ email: "claude-fan@example.com", credits: "10" });
  // The SDK adds /v1/messages to its base URL.
  client = new Anthropic({ baseURL: `${app.origin}/api`, apiKey, maxRetries: 0 });
});

afterAll(async () => {
  await app?.stop();
  await upstream?.close();
});

describe("POST /api/v1/messages with the Anthropic SDK", () => {
  it("answers in Anthropic's format from an OpenAI-format model, system prompt first, usage and record kept", async () => {
    const { data: message, response } = await client.messages
      .create({ model: "openai/gpt-4o-mini", max_tokens: 500, system: "Be brief.", messages: [{ role: "user", content: "[scenario:fake-text] hi" }] })
      .withResponse();
    expect(message.type).toBe("message");
    expect(message.role).toBe("assistant");
    expect(message.content).toEqual([{ type: "text", text: fixtureText }]);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage).toMatchObject({ input_tokens: 16, output_tokens: 363 });

    const sent = upstream.requests.at(-1)!.body as { messages: Array<{ role: string; content: unknown }>; max_tokens: number };
    expect(sent.messages[0]).toEqual({ role: "system", content: "Be brief." });
    expect(sent.max_tokens).toBe(500);

    const generationId = response.headers.get("x-generation-id")!;
    const record = await fetch(`${app.baseUrl}/generation?id=${generationId}`, { headers: { Authorization: `Bearer ${apiKey}` } });
    expect(((await record.json()) as { data: Record<string, unknown> }).data).toMatchObject({ tokens_prompt: 16, tokens_completion: 363, total_cost: 0.000221 });
  });

  it("streams Anthropic's events, in order, to the same text", async () => {
    const stream = client.messages.stream({ model: "openai/gpt-4o-mini", max_tokens: 500, messages: [{ role: "user", content: "[scenario:fake-text] hi" }] });
    const types: string[] = [];
    stream.on("streamEvent", (event) => types.push(event.type));
    const message = await stream.finalMessage();
    expect(message.content).toEqual([{ type: "text", text: fixtureText }]);
    expect(message.usage.output_tokens).toBe(363);
    expect(types[0]).toBe("message_start");
    expect(types.at(-1)).toBe("message_stop");
    expect(types).toContain("content_block_start");
    expect(types.filter((type) => type === "content_block_delta").length).toBeGreaterThan(5);
  });

  it("uses tools: tool_use out, tool_result back in, whole and streamed", async () => {
    const first = await client.messages.create({
      model: "simulated/toolsmith",
      max_tokens: 300,
      tools: [weatherTool],
      messages: [{ role: "user", content: "What's the weather in Oslo?" }],
    });
    expect(first.stop_reason).toBe("tool_use");
    const toolUse = first.content.find((block) => block.type === "tool_use");
    expect(toolUse).toMatchObject({ type: "tool_use", name: "get_weather", input: { city: expect.any(String) } });

    const streamed = await client.messages
      .stream({ model: "simulated/toolsmith", max_tokens: 300, tools: [weatherTool], messages: [{ role: "user", content: "What's the weather in Oslo?" }] })
      .finalMessage();
    expect(streamed.content.find((block) => block.type === "tool_use")).toMatchObject({ name: "get_weather", input: { city: expect.any(String) } });

    if (toolUse?.type !== "tool_use") throw new Error("expected a tool_use block");
    const second = await client.messages.create({
      model: "simulated/toolsmith",
      max_tokens: 300,
      tools: [weatherTool],
      messages: [
        { role: "user", content: "What's the weather in Oslo?" },
        { role: "assistant", content: first.content },
        { role: "user", content: [{ type: "tool_result", tool_use_id: toolUse.id, content: "Sunny, 21 °C" }] },
      ],
    });
    expect(second.stop_reason).toBe("end_turn");
    expect(second.content[0]).toMatchObject({ type: "text", text: expect.any(String) });
  });

  it("answers errors in Anthropic's shape so the SDK raises the right class", async () => {
    const stranger = new Anthropic({ baseURL: `${app.origin}/api`, apiKey: "sk-sy-v1-nope", maxRetries: 0 });
    await expect(stranger.messages.create({ model: "simulated/swift-mini", max_tokens: 10, messages: [{ role: "user", content: "hi" }] })).rejects.toBeInstanceOf(
      Anthropic.AuthenticationError,
    );
    await expect(client.messages.create({ model: "nobody/nothing", max_tokens: 10, messages: [{ role: "user", content: "hi" }] })).rejects.toBeInstanceOf(
      Anthropic.NotFoundError,
    );
    const missing = await fetch(`${app.baseUrl}/messages`, {
      method: "POST",
      headers: { "x-api-key": apiKey, "content-type": "application/json" },
      body: JSON.stringify({ model: "simulated/swift-mini", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ type: "error", error: { type: "invalid_request_error", message: expect.stringContaining("max_tokens") } });
  });
});
