import { readBodyBytes } from "./read-body-bytes";
import { getMetrics } from "../observability/gateway-metrics";
import { ServerTiming } from "./server-timing";

/**
 * An API request as the handlers of /api/v1 see it, the same whether it came
 * through Next.js (a Web Request) or the lean Node path (see node-routes.ts).
 */
export interface ApiRequest {
  headers: { get(name: string): string | null };
  /** The body's bytes; more than `maxBytes` is refused with a 413 before it is all read. */
  bytes(maxBytes: number): Promise<Buffer>;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  timing: ServerTiming;
}

/** What a handler answers: a JSON text or an event stream, with its headers. */
export interface ApiReply {
  status: number;
  headers: Record<string, string>;
  body: string | ReadableStream<Uint8Array>;
}

export type ApiHandler = (request: ApiRequest) => Promise<ApiReply>;

export const SSE_HEADERS: Record<string, string> = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  // Tells nginx-style proxies not to buffer the stream.
  "X-Accel-Buffering": "no",
};

export function jsonReply(body: unknown, headers: Record<string, string> = {}, status = 200): ApiReply {
  return { status, headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) };
}

export function streamReply(stream: ReadableStream<Uint8Array>, headers: Record<string, string> = {}): ApiReply {
  return { status: 200, headers: { ...SSE_HEADERS, ...headers }, body: stream };
}

/** A Web Response (an error response, say) as a reply; its body is read here, so keep it to small ones. */
export async function replyFromResponse(response: Response): Promise<ApiReply> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { status: response.status, headers, body: await response.text() };
}

/** A handler as a Next.js route handler; `route` names it in the metrics. */
export function toWebHandler(handler: ApiHandler, route: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const timing = new ServerTiming();
    const reply = await handler({ headers: request.headers, bytes: (maxBytes) => readBodyBytes(request, maxBytes), signal: request.signal, timing });
    getMetrics().observeRequest(route, reply.status, timing.elapsedSeconds());
    return new Response(reply.body, { status: reply.status, headers: { ...reply.headers, "Server-Timing": timing.header() } });
  };
}
