import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

/**
 * Local stand-ins for Anthropic's and Gemini's APIs that replay what the
 * real ones sent (the adapters' recorded fixtures), for end-to-end tests of
 * the gateway with the native adapters. A `[scenario:tool]` marker in the
 * prompt picks the tool-call recording.
 */
export interface FakeNativeUpstream {
  /** The origin, as ANTHROPIC_BASE_URL / GEMINI_BASE_URL take it. */
  origin: string;
  requests: Array<{ path: string; headers: IncomingMessage["headers"]; body: unknown }>;
  close(): Promise<void>;
}

const PROVIDERS = path.resolve(import.meta.dirname, "../gateway/providers");
const fixture = (provider: string, name: string) => readFileSync(path.join(PROVIDERS, provider, "__fixtures__", name), "utf8");
const lines = (text: string) => text.split("\n").filter((line) => line.trim() !== "");

export function startFakeAnthropicUpstream(): Promise<FakeNativeUpstream> {
  return startServer(async (request, response, body) => {
    if (request.method !== "POST" || request.url !== "/v1/messages") return notFound(response);
    const name = wantsTool(body) ? "anthropic-json-other-tool.1" : "anthropic-text";
    if ((body as { stream?: boolean }).stream) {
      response.writeHead(200, { "content-type": "text/event-stream" });
      for (const line of lines(fixture("anthropic", `${name}.chunks.txt`))) {
        const type = (JSON.parse(line) as { type: string }).type;
        response.write(`event: ${type}\ndata: ${line}\n\n`);
      }
      response.end();
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(fixture("anthropic", `${name}.json`));
  });
}

export function startFakeGoogleUpstream(): Promise<FakeNativeUpstream> {
  return startServer(async (request, response, body) => {
    const match = /^\/v1beta\/models\/([^:]+):(generateContent|streamGenerateContent)/.exec(request.url ?? "");
    if (request.method !== "POST" || !match) return notFound(response);
    const name = wantsTool(body) ? "google-tool-call" : "google-text";
    if (match[2] === "streamGenerateContent") {
      response.writeHead(200, { "content-type": "text/event-stream" });
      for (const line of lines(fixture("google", `${name}.chunks.txt`))) response.write(`data: ${line}\r\n\r\n`);
      response.end();
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(fixture("google", `${name}.json`));
  });
}

function wantsTool(body: unknown): boolean {
  return JSON.stringify(body).includes("[scenario:tool]");
}

function notFound(response: ServerResponse) {
  response.writeHead(404, { "content-type": "application/json" });
  response.end(JSON.stringify({ error: { message: "not found" } }));
}

async function startServer(handle: (request: IncomingMessage, response: ServerResponse, body: unknown) => Promise<void>): Promise<FakeNativeUpstream> {
  const requests: FakeNativeUpstream["requests"] = [];
  const server = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on("data", (part: Buffer) => parts.push(part));
    request.on("end", () => {
      const text = Buffer.concat(parts).toString("utf8");
      const body: unknown = text ? JSON.parse(text) : undefined;
      requests.push({ path: request.url ?? "", headers: request.headers, body });
      handle(request, response, body).catch(() => response.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
