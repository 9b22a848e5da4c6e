import { describe, expect, it } from "vitest";
import { readErrorBody } from "./read-error-body";

describe("readErrorBody", () => {
  it("reads a short body whole", async () => {
    expect(await readErrorBody(new Response('{"error":"nope"}', { status: 400 }))).toBe('{"error":"nope"}');
  });

  it("stops after about 16 KiB and cancels the rest", async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new TextEncoder().encode("x".repeat(4096))),
      cancel: () => {
        cancelled = true;
      },
    });
    const text = await readErrorBody(new Response(body, { status: 500 }));
    expect(text).toHaveLength(16 * 1024);
    expect(cancelled).toBe(true);
  });

  it("gives an empty string for no body or a body that fails", async () => {
    expect(await readErrorBody(new Response(null, { status: 502 }))).toBe("");
    const failing = new ReadableStream<Uint8Array>({ pull: (controller) => controller.error(new Error("reset")) });
    expect(await readErrorBody(new Response(failing, { status: 502 }))).toBe("");
  });
});
