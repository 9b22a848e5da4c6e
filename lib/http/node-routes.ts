import type { IncomingMessage, ServerResponse } from "node:http";
import { PayloadTooLargeError } from "../gateway/errors";
import { toWebHandler, type ApiHandler, type ApiRequest } from "./api-route";
import { getMetrics } from "../observability/gateway-metrics";
import { ServerTiming } from "./server-timing";

/** Serves one request on Node's own objects; what the custom server (scripts/start.mjs) calls. */
export type NodeRoute = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Routes served on Node's request and response objects, bypassing Next.js's
 * request handling, which costs more than the rest of the gateway per
 * request (BENCHMARKS.md). A route module registers its handler when Next
 * first loads it; the custom server looks here before handing a request to
 * Next. The registry lives on globalThis under a registered symbol so the
 * server, which is plain JavaScript outside Next's bundle, can find it.
 */
const registry: Map<string, NodeRoute> = ((globalThis as Record<symbol, unknown>)[Symbol.for("switchyard.nodeRoutes")] ??= new Map()) as Map<
  string,
  NodeRoute
>;

/**
 * An API route served both ways: registered for the custom server's Node
 * path, and returned as the Next.js route handler (for `next start`, and
 * until the route module is loaded).
 */
export function apiRoute(method: string, path: string, handler: ApiHandler): (request: Request) => Promise<Response> {
  registry.set(`${method} ${path}`, (request, response) => void serveNode(path, handler, request, response));
  return toWebHandler(handler, path);
}

async function serveNode(route: string, handler: ApiHandler, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const timing = new ServerTiming();
  const aborted = new AbortController();
  // The client went away before the whole response was sent.
  response.on("close", () => {
    if (!response.writableFinished) aborted.abort();
  });
  const apiRequest: ApiRequest = {
    headers: { get: (name) => headerValue(request, name) },
    bytes: (maxBytes) => readNodeBody(request, maxBytes),
    signal: aborted.signal,
    timing,
  };
  try {
    const reply = await handler(apiRequest);
    response.statusCode = reply.status;
    if (reply.status === 413) discardRestOfBody(request);
    for (const [name, value] of Object.entries(reply.headers)) response.setHeader(name, value);
    // What Next adds to its own responses (next.config.ts) that matters for JSON and event streams.
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    response.setHeader("Server-Timing", timing.header());
    getMetrics().observeRequest(route, reply.status, timing.elapsedSeconds());
    if (typeof reply.body === "string") {
      response.end(reply.body);
      return;
    }
    response.flushHeaders();
    await pipeStream(reply.body, response, aborted.signal);
  } catch (error) {
    // Handlers answer their own errors; this is a failure to write, or a bug.
    console.error("[api] could not serve a request:", error);
    if (!response.headersSent) {
      response.statusCode = 500;
      response.setHeader("Content-Type", "application/json");
      response.end(JSON.stringify({ error: { message: "Internal server error.", type: "server_error", code: null, param: null } }));
    } else {
      response.destroy();
    }
  }
}

/** How long the rest of a refused body may keep coming before the connection is cut. */
const REFUSED_BODY_DRAIN_MS = 5_000;

/**
 * Lets the client finish sending a body refused with a 413, dropping it as
 * it comes. Closing the connection at once instead resets it while the
 * client is still uploading, and the client then sees the reset, not the
 * 413. A body still coming after REFUSED_BODY_DRAIN_MS is cut off with the
 * connection, so a refused body costs at most that long to read.
 */
function discardRestOfBody(request: IncomingMessage): void {
  if (request.complete) return;
  request.resume();
  const cutOff = setTimeout(() => request.socket.destroy(), REFUSED_BODY_DRAIN_MS);
  cutOff.unref();
  const done = () => clearTimeout(cutOff);
  request.once("end", done);
  request.once("close", done);
}

function headerValue(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

/** Writes a stream's chunks as they come, waiting when the client reads slower; cancels the stream when the client goes. */
async function pipeStream(stream: ReadableStream<Uint8Array>, response: ServerResponse, clientGone: AbortSignal): Promise<void> {
  const reader = stream.getReader();
  const cancel = () => void reader.cancel(new Error("client disconnected")).catch(() => undefined);
  clientGone.addEventListener("abort", cancel, { once: true });
  // Events that are ready together leave in one write instead of one system call each;
  // the first goes at once, so the time to the first token is not spent waiting for the rest.
  let first = true;
  let corked = false;
  const uncork = () => {
    corked = false;
    response.uncork();
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (clientGone.aborted) return;
      if (first) first = false;
      else if (!corked) {
        corked = true;
        response.cork();
        setImmediate(uncork);
      }
      if (!response.write(value)) await new Promise<void>((resolve) => {
        const resume = () => {
          response.off("drain", resume);
          response.off("close", resume);
          resolve();
        };
        response.on("drain", resume);
        response.on("close", resume);
      });
    }
    response.end();
  } finally {
    clientGone.removeEventListener("abort", cancel);
  }
}

/** The body's bytes, refusing more than `maxBytes` (413): a declared length at once, a longer body as soon as it passes the limit. */
function readNodeBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        // The rest is discarded as it comes (see discardRestOfBody).
        request.resume();
        reject(tooLarge(maxBytes));
        return;
      }
      parts.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(parts.length === 1 ? parts[0]! : Buffer.concat(parts, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onError);
    };
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", onError);
  });
}

function tooLarge(maxBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(`Request body is larger than ${maxBytes} bytes.`);
}
