import { describe, expect, it } from "vitest";
import { parseSseStream, SseEventTooLarge, type SseEvent } from "./parse-sse-stream";

const encoder = new TextEncoder();

/** A stream as upstreams send it, with every line-ending style and a few oddities. */
const realisticStream = [
  ": keep-alive comment\r\n",
  "\r\n",
  'data: {"id":"1","choices":[{"delta":{"content":"Caf\u00e9 \u{1F680}"}}]}\r\n',
  "\r\n",
  "event: message\n",
  "id: 42\n",
  "data: first line\n",
  "data:second line without space\n",
  "data:  two spaces keep one\n",
  "\n",
  ": OPENROUTER PROCESSING\r",
  "\r",
  "retry: 1000\r",
  "unknown-field: ignored\r",
  "data\r",
  "\r",
  'data: {"emoji":"\u{1F469}\u200D\u{1F4BB}","accent":"\u00e9\u00e8"}\r\n',
  "\r\n",
  "event: error\n",
  'data: {"error":{"message":"boom"}}\n',
  "\n",
  "data: [DONE]\n",
  "\n",
  "data: never dispatched, no blank line after it\n",
].join("");

const expectedEvents: SseEvent[] = [
  { data: '{"id":"1","choices":[{"delta":{"content":"Caf\u00e9 \u{1F680}"}}]}' },
  { event: "message", id: "42", data: "first line\nsecond line without space\n two spaces keep one" },
  { id: "42", data: "" },
  { id: "42", data: '{"emoji":"\u{1F469}\u200D\u{1F4BB}","accent":"\u00e9\u00e8"}' },
  { event: "error", id: "42", data: '{"error":{"message":"boom"}}' },
  { id: "42", data: "[DONE]" },
];

async function collect(chunks: Uint8Array[]): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  for await (const event of parseSseStream(streamOf(chunks))) events.push(event);
  return events;
}

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
}

function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    chunks.push(bytes.subarray(start, cut));
    start = cut;
  }
  return chunks;
}

/** A small seeded generator so a failing chunking can be reproduced. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("parseSseStream", () => {
  const bytes = encoder.encode(realisticStream);

  it("parses a whole stream in one chunk", async () => {
    expect(await collect([bytes])).toEqual(expectedEvents);
  });

  it("gives the same events when split at every byte boundary", async () => {
    for (let cut = 0; cut <= bytes.length; cut++) {
      const events = await collect(splitAt(bytes, [cut]));
      expect(events, `split at byte ${cut}`).toEqual(expectedEvents);
    }
  });

  it("gives the same events when fed one byte at a time", async () => {
    const chunks = Array.from({ length: bytes.length }, (_, index) => bytes.subarray(index, index + 1));
    expect(await collect(chunks)).toEqual(expectedEvents);
  });

  it("gives the same events for random chunkings", async () => {
    const random = createRandom(20240611);
    for (let round = 0; round < 300; round++) {
      const cuts: number[] = [];
      let position = 0;
      while (true) {
        position += 1 + Math.floor(random() * 12);
        if (position >= bytes.length) break;
        cuts.push(position);
      }
      const events = await collect(splitAt(bytes, cuts));
      expect(events, `cuts ${cuts.join(",")}`).toEqual(expectedEvents);
    }
  });

  it("keeps a CR LF split across chunks as one line ending", async () => {
    const chunks = [encoder.encode("data: a\r"), encoder.encode("\ndata: b\r"), encoder.encode("\n\r"), encoder.encode("\n")];
    expect(await collect(chunks)).toEqual([{ data: "a\nb" }]);
  });

  it("treats CR CR as the end of an event", async () => {
    expect(await collect([encoder.encode("data: a\r\rdata: b\r\r")])).toEqual([{ data: "a" }, { data: "b" }]);
  });

  it("decodes a character whose bytes arrive in separate empty-text chunks", async () => {
    const rocket = encoder.encode("\u{1F680}");
    const chunks = [encoder.encode("data: "), ...Array.from(rocket, (byte) => Uint8Array.of(byte)), encoder.encode("\n\n")];
    expect(await collect(chunks)).toEqual([{ data: "\u{1F680}" }]);
  });

  it("assembles a long line that arrives in many chunks", async () => {
    const payload = "A".repeat(200_000);
    const bytes = encoder.encode(`data: ${payload}\r\n\r\ndata: next\n\n`);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 997) }, (_, index) => bytes.subarray(index * 997, (index + 1) * 997));
    expect(await collect(chunks)).toEqual([{ data: payload }, { data: "next" }]);
  });

  it("strips a leading byte order mark", async () => {
    expect(await collect([Uint8Array.of(0xef, 0xbb, 0xbf), encoder.encode("data: x\n\n")])).toEqual([{ data: "x" }]);
  });

  it("ignores events with no data lines and resets the event type after each event", async () => {
    const text = "event: ping\n\ndata: after\n\nevent: named\ndata: 1\n\ndata: 2\n\n";
    expect(await collect([encoder.encode(text)])).toEqual([{ data: "after" }, { event: "named", data: "1" }, { data: "2" }]);
  });

  it("reads an async iterable of chunks", async () => {
    async function* chunks(): AsyncGenerator<Uint8Array> {
      yield encoder.encode("data: one\n");
      yield encoder.encode("\ndata: two\n\n");
    }
    const events: SseEvent[] = [];
    for await (const event of parseSseStream(chunks())) events.push(event);
    expect(events).toEqual([{ data: "one" }, { data: "two" }]);
  });

  it("cancels the source stream when the consumer stops early", async () => {
    let cancelled: unknown = "not cancelled";
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(encoder.encode("data: tick\n\n"));
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    let seen = 0;
    for await (const event of parseSseStream(source)) {
      expect(event.data).toBe("tick");
      if (++seen === 3) break;
    }
    expect(cancelled).toBeUndefined();
  });

  it("propagates a source error", async () => {
    let pulls = 0;
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(encoder.encode("data: one\n\n"));
        else controller.error(new Error("socket hang up"));
      },
    });
    const events: SseEvent[] = [];
    await expect(async () => {
      for await (const event of parseSseStream(source)) events.push(event);
    }).rejects.toThrow("socket hang up");
    expect(events).toEqual([{ data: "one" }]);
  });

  describe("with a limit on the size of one event", () => {
    const parse = async (chunks: string[], maxEventLength: number) => {
      const events: SseEvent[] = [];
      for await (const event of parseSseStream(streamOf(chunks.map((chunk) => encoder.encode(chunk))), { maxEventLength })) events.push(event);
      return events;
    };

    it("refuses a line that never ends, however it is chunked", async () => {
      await expect(parse(["data: ", "x".repeat(60), "x".repeat(60)], 100)).rejects.toBeInstanceOf(SseEventTooLarge);
      await expect(parse([`data: ${"x".repeat(200)}`], 100)).rejects.toThrow("an event larger than 100 characters");
    });

    it("refuses an event of many short data lines with no blank line", async () => {
      await expect(parse(Array.from({ length: 40 }, () => "data: 0123456789\n"), 100)).rejects.toBeInstanceOf(SseEventTooLarge);
    });

    it("accepts any number of events that each fit", async () => {
      const events = await parse(Array.from({ length: 50 }, (_, index) => `data: ${"y".repeat(80)}${index}\n\n`), 100);
      expect(events).toHaveLength(50);
    });
  });
});
