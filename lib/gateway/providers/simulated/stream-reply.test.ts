import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ChatCompletionChunk } from "../../chat-types";
import { createSimulatedProvider } from "./index";
import { userRequest } from "./test-helpers";

/**
 * Timing is checked on fake timers: the assertions are about what the
 * provider schedules (the model's time to first token, prompt cancellation),
 * not about how fast this machine is.
 */
describe("streaming at realistic speed", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const realistic = createSimulatedProvider({ speed: 1 });

  /** Starts pulling the next chunk and reports when it settles. */
  function pull(iterator: AsyncIterator<ChatCompletionChunk>) {
    const state: { settled: boolean; result?: IteratorResult<ChatCompletionChunk>; error?: unknown } = { settled: false };
    const promise = iterator.next().then(
      (result) => {
        state.settled = true;
        state.result = result;
      },
      (error: unknown) => {
        state.settled = true;
        state.error = error;
      },
    );
    return { state, promise };
  }

  it.each([
    ["swift-mini", 150],
    ["sage-pro", 600],
  ])("%s sends its first token after about its time to first token (%i ms)", async (model, timeToFirstToken) => {
    const stream = await realistic.streamChatCompletion(userRequest(model, "Tell me about lighthouses"), { signal: new AbortController().signal });
    const { state } = pull(stream[Symbol.asyncIterator]());
    await vi.advanceTimersByTimeAsync(timeToFirstToken * 0.85);
    expect(state.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(timeToFirstToken * 0.3);
    expect(state.settled).toBe(true);
    expect(state.result?.value?.choices[0]?.delta.role).toBe("assistant");
  });

  it("then paces tokens at about the model's tokens per second", async () => {
    const stream = await realistic.streamChatCompletion(userRequest("sage-pro", "Tell me about lighthouses"), { signal: new AbortController().signal });
    const iterator = stream[Symbol.asyncIterator]();
    const first = pull(iterator);
    await vi.advanceTimersByTimeAsync(700);
    await first.promise;
    const start = Date.now();
    let usage: ChatCompletionChunk["usage"];
    for (;;) {
      const next = pull(iterator);
      while (!next.state.settled) await vi.advanceTimersByTimeAsync(5);
      if (next.state.result?.done) break;
      usage = next.state.result?.value?.usage ?? usage;
    }
    const elapsedSeconds = (Date.now() - start) / 1000;
    const tokensPerSecond = (usage?.completion_tokens ?? 0) / elapsedSeconds;
    // Sage Pro runs at 40 tokens/s, varied by up to 30% per chunk.
    expect(tokensPerSecond).toBeGreaterThan(28);
    expect(tokensPerSecond).toBeLessThan(60);
  });

  it("[fault:slow] makes the first token ten times later", async () => {
    const stream = await realistic.streamChatCompletion(userRequest("swift-mini", "Tell me about lighthouses [fault:slow]"), {
      signal: new AbortController().signal,
    });
    const { state } = pull(stream[Symbol.asyncIterator]());
    await vi.advanceTimersByTimeAsync(1300);
    expect(state.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(400);
    expect(state.settled).toBe(true);
  });

  it("stops at once when aborted mid-stream, leaving no timers behind", async () => {
    const controller = new AbortController();
    const stream = await realistic.streamChatCompletion(userRequest("sage-pro", "Tell me about lighthouses"), { signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();
    const first = pull(iterator);
    await vi.advanceTimersByTimeAsync(700);
    await first.promise;
    expect(first.state.result?.done).toBe(false);

    const second = pull(iterator);
    await vi.advanceTimersByTimeAsync(0);
    expect(second.state.settled).toBe(false);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await second.promise;
    expect(second.state.error).toBeInstanceOf(DOMException);
    expect(second.state.error).toMatchObject({ name: "AbortError" });
    expect(vi.getTimerCount()).toBe(0);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it("fails straight away when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(realistic.streamChatCompletion(userRequest("swift-mini", "hi"), { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
    await expect(realistic.createChatCompletion(userRequest("swift-mini", "hi"), { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
  });

  it("stops cleanly when the consumer stops iterating early", async () => {
    const stream = await realistic.streamChatCompletion(userRequest("swift-mini", "Tell me about lighthouses"), { signal: new AbortController().signal });
    const received: ChatCompletionChunk[] = [];
    const consume = (async () => {
      for await (const chunk of stream) {
        received.push(chunk);
        if (received.length === 2) break;
      }
    })();
    await vi.advanceTimersByTimeAsync(1000);
    await consume;
    expect(received).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a non-streamed reply takes the time to first token plus the generation time, and can be aborted", async () => {
    const request = userRequest("sage-pro", "Tell me about lighthouses");
    const quick = await createSimulatedProvider({ speed: 0 }).createChatCompletion(request, { signal: new AbortController().signal });
    const expectedMilliseconds = 600 + ((quick.usage?.completion_tokens ?? 0) / 40) * 1000;

    let done = false;
    const pending = realistic.createChatCompletion(request, { signal: new AbortController().signal }).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(expectedMilliseconds * 0.6);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(expectedMilliseconds * 0.8);
    await pending;
    expect(done).toBe(true);

    const controller = new AbortController();
    const aborted = realistic.createChatCompletion(request, { signal: controller.signal });
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: "AbortError" });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("an injected error arrives after a fraction of the time to first token", async () => {
    let failed = false;
    const pending = realistic.streamChatCompletion(userRequest("sage-pro", "[fault:503]"), { signal: new AbortController().signal }).catch(() => {
      failed = true;
    });
    await vi.advanceTimersByTimeAsync(100);
    expect(failed).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    await pending;
    expect(failed).toBe(true);
  });
});
