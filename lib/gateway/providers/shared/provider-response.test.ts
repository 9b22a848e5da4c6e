import { Readable } from "node:stream";
import type { Dispatcher } from "undici";
import { describe, expect, it } from "vitest";
import { ResponseTooLarge, toProviderResponse } from "./provider-response";

function answer(pieces: string[], headers: Record<string, string> = {}): { data: Dispatcher.ResponseData; body: Readable } {
  const body = Readable.from(pieces.map((piece) => Buffer.from(piece)));
  return { data: { statusCode: 200, headers, body, trailers: {}, opaque: null, context: {} } as unknown as Dispatcher.ResponseData, body };
}

describe("toProviderResponse", () => {
  it("reads a body within the limit whole, multi-byte characters split across pieces included", async () => {
    const rocket = Buffer.from("🚀");
    const { data } = answer([]);
    const bytes = Readable.from([Buffer.from('{"a":"'), rocket.subarray(0, 2), rocket.subarray(2), Buffer.from('"}')]);
    const response = toProviderResponse({ ...data, body: bytes } as unknown as Dispatcher.ResponseData, 100);
    expect(await response.text()).toBe('{"a":"🚀"}');
  });

  it("refuses a body that grows past the limit, and closes it", async () => {
    const { data, body } = answer(["x".repeat(60), "x".repeat(60), "x".repeat(60)]);
    const response = toProviderResponse(data, 100);
    await expect(response.text()).rejects.toBeInstanceOf(ResponseTooLarge);
    expect(body.destroyed).toBe(true);
  });

  it("refuses at once a body whose declared length is over the limit", async () => {
    const { data, body } = answer(["{}"], { "content-length": "5000" });
    await expect(toProviderResponse(data, 100).text()).rejects.toThrow("an answer larger than 100 bytes");
    expect(body.destroyed).toBe(true);
  });

  it("hands the limit to stream readers", () => {
    expect(toProviderResponse(answer([]).data, 4096).body.maxBytes).toBe(4096);
  });
});
