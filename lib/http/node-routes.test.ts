import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonReply, replyFromResponse } from "./api-route";
import { errorResponse } from "./error-response";
import { apiRoute, type NodeRoute } from "./node-routes";

const LIMIT = 1024;
let server: http.Server;
let port: number;
let connections = 0;

beforeAll(async () => {
  apiRoute("POST", "/test/echo-size", async (request) => {
    try {
      return jsonReply({ size: (await request.bytes(LIMIT)).length });
    } catch (error) {
      return replyFromResponse(errorResponse(error));
    }
  });
  const routes = (globalThis as Record<symbol, unknown>)[Symbol.for("switchyard.nodeRoutes")] as Map<string, NodeRoute>;
  const route = routes.get("POST /test/echo-size")!;
  server = http.createServer((request: IncomingMessage, response: ServerResponse) => route(request, response));
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Posts `body` on Node's client, which reports a reset as an error rather than hiding it. */
function post(body: Buffer, agent: http.Agent, chunked = false): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, method: "POST", path: "/test/echo-size", agent, headers: chunked ? {} : { "Content-Length": String(body.length) } });
    request.on("response", (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on("error", reject);
    if (chunked) {
      for (let offset = 0; offset < body.length; offset += 64 * 1024) request.write(body.subarray(offset, offset + 64 * 1024));
      request.end();
    } else {
      request.end(body);
    }
  });
}

describe("the lean Node path", () => {
  it("answers a body over the limit with a 413 the client gets to read, declared or chunked, and keeps the connection", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    // Megabytes, so the client is still uploading when the answer comes: closing then reset the connection instead.
    const large = Buffer.alloc(20 * 1024 * 1024, 0x20);
    for (const chunked of [false, true, false]) {
      const refused = await post(large, agent, chunked);
      expect(refused.status).toBe(413);
      expect(JSON.parse(refused.text)).toMatchObject({ error: { code: "payload_too_large" } });
    }
    expect(await post(Buffer.from("{}"), agent)).toEqual({ status: 200, text: '{"size":2}' });
    // The refused bodies were read and dropped, not cut off by closing: closing resets a connection still uploading.
    expect(connections).toBe(1);
    agent.destroy();
  });
});
