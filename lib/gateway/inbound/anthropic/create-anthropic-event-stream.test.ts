import { describe, expect, it } from "vitest";
import { createAnthropicEventStream } from "./create-anthropic-event-stream";

function sse(...payloads: Array<unknown>): ReadableStream<Uint8Array> {
  const text = payloads.map((payload) => `data: ${typeof payload === "string" ? payload : JSON.stringify(payload)}\n\n`).join("");
  return new Response(text).body!;
}

const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
  id: "gen-1",
  object: "chat.completion.chunk",
  created: 1,
  model: "m",
  choices: [{ index: 0, delta, finish_reason: finish }],
});

async function events(stream: ReadableStream<Uint8Array>) {
  const text = await new Response(stream).text();
  return text
    .trim()
    .split("\n\n")
    .map((block) => {
      const [eventLine, dataLine] = block.split("\n");
      const data = JSON.parse(dataLine!.slice(6)) as Record<string, unknown>;
      expect(eventLine).toBe(`event: ${String(data.type)}`);
      return data;
    });
}

describe("createAnthropicEventStream", () => {
  it("tells thinking, text and two tool calls as separate content blocks, then the stop reason and usage", async () => {
    const stream = createAnthropicEventStream(
      sse(
        chunk({ role: "assistant", reasoning: "Plan." }),
        chunk({ content: "Checking." }),
        chunk({ tool_calls: [{ index: 0, id: "call_a", type: "function", function: { name: "weather", arguments: "" } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":"Oslo"}' } }] }),
        chunk({ tool_calls: [{ index: 1, id: "call_b", type: "function", function: { name: "time", arguments: "{}" } }] }, "tool_calls"),
        { ...chunk({}), choices: [], usage: { prompt_tokens: 120, completion_tokens: 30, prompt_tokens_details: { cached_tokens: 100, cache_write_tokens: 0 } } },
        "[DONE]",
      ),
      { id: "gen-1", model: "m" },
    );
    const received = await events(stream);
    expect(received.map((event) => event.type)).toEqual([
      "message_start",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(received[1]).toMatchObject({ index: 0, content_block: { type: "thinking" } });
    expect(received[4]).toMatchObject({ index: 1, content_block: { type: "text" } });
    expect(received[7]).toMatchObject({ index: 2, content_block: { type: "tool_use", id: "call_a", name: "weather" } });
    expect(received[8]).toMatchObject({ index: 2, delta: { type: "input_json_delta", partial_json: '{"city":"Oslo"}' } });
    expect(received[10]).toMatchObject({ index: 3, content_block: { type: "tool_use", id: "call_b", name: "time" } });
    expect(received[13]).toMatchObject({
      delta: { stop_reason: "tool_use" },
      usage: { input_tokens: 20, output_tokens: 30, cache_read_input_tokens: 100, cache_creation_input_tokens: 0 },
    });
  });

  it("ends with an error event when the gateway reports a failure mid-stream", async () => {
    const received = await events(
      createAnthropicEventStream(sse(chunk({ content: "Hel" }), { ...chunk({}, "error"), error: { code: 502, message: "Provider dropped" } }), { id: "g", model: "m" }),
    );
    expect(received.at(-1)).toEqual({ type: "error", error: { type: "api_error", message: "Provider dropped" } });
    expect(received.map((event) => event.type)).not.toContain("message_stop");
  });

  it("maps length to max_tokens", async () => {
    const received = await events(createAnthropicEventStream(sse(chunk({ content: "cut" }, "length"), "[DONE]"), { id: "g", model: "m" }));
    expect(received.find((event) => event.type === "message_delta")).toMatchObject({ delta: { stop_reason: "max_tokens" } });
  });

  it("passes Claude's thinking signature on as a signature_delta", async () => {
    const received = await events(
      createAnthropicEventStream(
        sse(
          chunk({ reasoning: "Plan.", reasoning_details: [{ type: "reasoning.text", text: "Plan.", index: 0 }] }),
          chunk({ reasoning_details: [{ type: "reasoning.text", signature: "sig-1", index: 0 }] }),
          chunk({ content: "Done." }, "stop"),
          "[DONE]",
        ),
        { id: "g", model: "m" },
      ),
    );
    expect(received.slice(1, 5)).toEqual([
      { type: "content_block_start", index: 0, content_block: { type: "thinking", thinking: "" } },
      { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "Plan." } },
      { type: "content_block_delta", index: 0, delta: { type: "signature_delta", signature: "sig-1" } },
      { type: "content_block_stop", index: 0 },
    ]);
  });
});
