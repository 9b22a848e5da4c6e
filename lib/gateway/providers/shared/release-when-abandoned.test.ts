import { describe, expect, it } from "vitest";
import { releaseWhenAbandoned } from "./release-when-abandoned";

function createBody(): { body: ReadableStream<Uint8Array>; wasCancelled: () => boolean } {
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    cancel: () => {
      cancelled = true;
    },
  });
  return { body, wasCancelled: () => cancelled };
}

async function* count(): AsyncGenerator<number, void, undefined> {
  yield 1;
  yield 2;
}

describe("releaseWhenAbandoned", () => {
  it("passes the chunks through", async () => {
    const { body, wasCancelled } = createBody();
    const seen: number[] = [];
    for await (const value of releaseWhenAbandoned(body, count())) seen.push(value);
    expect(seen).toEqual([1, 2]);
    expect(wasCancelled()).toBe(false);
  });

  it("cancels the body when the consumer stops before the first chunk", async () => {
    const { body, wasCancelled } = createBody();
    const iterator = releaseWhenAbandoned(body, count())[Symbol.asyncIterator]();
    await iterator.return?.();
    expect(wasCancelled()).toBe(true);
  });

  it("leaves the body to the generator once it has started", async () => {
    const { body, wasCancelled } = createBody();
    const iterator = releaseWhenAbandoned(body, count())[Symbol.asyncIterator]();
    await iterator.next();
    await iterator.return?.();
    expect(wasCancelled()).toBe(false);
  });
});
