import { STATUS_CODES } from "node:http";
import type { Dispatcher } from "undici";

/** The body of a provider's answer, read as it arrives; leaving the loop early, or cancel(), closes the connection. */
export interface ProviderBody extends AsyncIterable<Uint8Array> {
  cancel(): Promise<void>;
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

export function toProviderResponse(answer: Dispatcher.ResponseData): ProviderResponse {
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
    },
    text: () => body.text(),
  };
}
