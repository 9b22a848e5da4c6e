import { STATUS_CODES } from "node:http";
import type { Dispatcher } from "undici";
import { env } from "../../../env";

/** The body of a provider's answer, read as it arrives; leaving the loop early, or cancel(), closes the connection. */
export interface ProviderBody extends AsyncIterable<Uint8Array> {
  cancel(): Promise<void>;
  /** The most of it read at once: the whole body as text, or one event of a stream. */
  readonly maxBytes: number;
}

/** A provider's answer, or one event of its stream, was larger than UPSTREAM_MAX_RESPONSE_BYTES. */
export class ResponseTooLarge extends Error {
  readonly code = "RESPONSE_TOO_LARGE";
}

/**
 * A provider's answer as the adapters read it: what they used of a Web
 * Response, over undici's Node stream. Reading the body through a Web
 * ReadableStream instead costs a few microseconds per chunk, which a stream
 * of hundreds of tokens pays hundreds of times (see BENCHMARKS.md).
 */
export interface ProviderResponse {
  status: number;
  statusText: string;
  ok: boolean;
  headers: { get(name: string): string | null };
  body: ProviderBody;
  text(): Promise<string>;
}

export function toProviderResponse(answer: Dispatcher.ResponseData, maxBytes = env.UPSTREAM_MAX_RESPONSE_BYTES): ProviderResponse {
  const { body } = answer;
  // An abort destroys the body with an error. Readers see it through their
  // iterator; one that stopped reading must not turn it into an uncaught error.
  body.on("error", () => undefined);
  return {
    status: answer.statusCode,
    // undici's `request` leaves out the reason phrase; the status's standard one stands in.
    statusText: STATUS_CODES[answer.statusCode] ?? "",
    ok: answer.statusCode >= 200 && answer.statusCode < 300,
    headers: {
      get(name) {
        const value = answer.headers[name.toLowerCase()];
        if (value === undefined) return null;
        return Array.isArray(value) ? value.join(", ") : value;
      },
    },
    body: {
      [Symbol.asyncIterator]: () => body[Symbol.asyncIterator](),
      async cancel() {
        body.destroy();
      },
      maxBytes,
    },
    text: () => readBoundedText(body, maxBytes, Number(answer.headers["content-length"] ?? 0)),
  };
}

/**
 * The whole body as text, refused past `maxBytes`: a provider that sends
 * gigabytes must not take the process's memory with it. undici's own
 * `text()` has no limit; a declared Content-Length over it fails at once.
 */
async function readBoundedText(body: Dispatcher.ResponseData["body"], maxBytes: number, declaredBytes: number): Promise<string> {
  const tooLarge = () => new ResponseTooLarge(`an answer larger than ${maxBytes} bytes`);
  if (declaredBytes > maxBytes) {
    body.destroy();
    throw tooLarge();
  }
  const pieces: Buffer[] = [];
  let received = 0;
  for await (const piece of body as AsyncIterable<Buffer>) {
    received += piece.byteLength;
    if (received > maxBytes) {
      body.destroy();
      throw tooLarge();
    }
    pieces.push(piece);
  }
  return Buffer.concat(pieces, received).toString("utf8");
}
