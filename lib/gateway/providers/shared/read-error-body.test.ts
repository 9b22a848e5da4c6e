import { describe, expect, it } from "vitest";
import type { ProviderBody } from "./provider-response";
import { readErrorBody } from "./read-error-body";

/** A Web stream as a provider response's body (Node's web streams are async iterable). */
function withBody(stream: ReadableStream<Uint8Array> | null): { body: ProviderBody | null } {
  if (!stream) return { body: null };
  return { body: { [Symbol.asyncIterator]: () => (stream as unknown as AsyncIterable<Uint8Array>)[Symbol.asyncIterator](), cancel: () => stream.cancel(), maxBytes: 1 << 20 } };
}

describe("readErrorBody", () => {
  it("reads a short body whole", async () => {
    expect(await readErrorBody(withBody(new Response('{"error":"nope"}').body))).toBe('{"error":"nope"}');
  });

  it("stops after about 16 KiB and cancels the rest", async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new TextEncoder().encode("x".repeat(4096))),
      cancel: () => {
        cancelled = true;
      },
    });
    const text = await readErrorBody(withBody(body));
    expect(text).toHaveLength(16 * 1024);
    expect(cancelled).toBe(true);
  });

  it("gives an empty string for no body or a body that fails", async () => {
    expect(await readErrorBody(withBody(null))).toBe("");
    const failing = new ReadableStream<Uint8Array>({ pull: (controller) => controller.error(new Error("reset")) });
    expect(await readErrorBody(withBody(failing))).toBe("");
  });
});
