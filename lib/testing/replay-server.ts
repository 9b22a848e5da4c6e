import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the server received, with its JSON body parsed. */
export interface RecordedRequest {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingMessage["headers"];
  body: unknown;
}

export type ReplayHandler = (request: IncomingMessage, response: ServerResponse) => void;

export interface ReplayServer {
  /** Every request since the last reset(), in order. */
  readonly recorded: RecordedRequest[];
  /** One per request: resolves when that request's socket closes, so tests can see a connection was released. */
  readonly socketCloses: Array<Promise<void>>;
  /** Starts listening on a free local port; resolves to the origin, "http://127.0.0.1:PORT". */
  listen(): Promise<string>;
  /** Empties `recorded` and `socketCloses` in place. */
  reset(): void;
  close(): Promise<void>;
}

/**
 * A local HTTP server for adapter tests: it records each request, then lets
 * `handle` answer it, typically by replaying a provider's recorded fixture.
 * The arrays are created once and emptied in place, so tests can hold on to them.
 */
export function createReplayServer(handle: ReplayHandler): ReplayServer {
  const recorded: RecordedRequest[] = [];
  const socketCloses: Array<Promise<void>> = [];
  const server = createServer((request, response) => {
    let raw = "";
    request.setEncoding("utf8");
    request.on("data", (part: string) => (raw += part));
    // Keep-alive sockets serve many requests, each adding a close listener.
    request.socket.setMaxListeners(0);
    socketCloses.push(new Promise((resolve) => request.socket.once("close", () => resolve())));
    request.on("end", () => {
      recorded.push({ method: request.method, url: request.url, headers: request.headers, body: raw ? (JSON.parse(raw) as unknown) : undefined });
      handle(request, response);
    });
  });

  return {
    recorded,
    socketCloses,
    async listen() {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    reset() {
      recorded.length = 0;
      socketCloses.length = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A local port that was just free and is closed again, for testing refused connections. */
export async function findClosedPort(): Promise<number> {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  return port;
}

/** A handler that answers with `body` as JSON. */
export function respondJson(status: number, body: unknown, headers: Record<string, string> = {}): ReplayHandler {
  return (_request, response) => {
    response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
  };
}
