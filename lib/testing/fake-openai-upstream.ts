import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An OpenAI-compatible upstream on 127.0.0.1 for tests, replaying recorded
 * provider payloads. The behaviour is picked per request by a
 * `[scenario:<name>]` marker in any message (so a test can go through the
 * gateway's model mapping) or else by the requested model id itself.
 */

export const FAKE_SCENARIOS = [
  "fake-text",
  "fake-tools",
  "fake-error-500",
  "fake-error-429",
  "fake-error-401",
  "fake-midstream-error",
  "fake-midstream-drop",
  "fake-slow",
  "fake-hang",
  "fake-slow-first-token",
  "fake-drop-before-first-token",
  "fake-malformed-sse",
  "fake-malformed-midstream",
  "fake-oversized",
  "fake-stall-midstream",
  "fake-trickle-comments",
] as const;
export type FakeScenario = (typeof FAKE_SCENARIOS)[number];

export interface FakeUpstreamRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; undefined for a GET, the raw text if it was not JSON. */
  body: unknown;
}

export interface FakeOpenAIUpstream {
  /** Base URL including `/v1`, as OPENAI_BASE_URL takes it. */
  url: string;
  /** Every request received, in order. */
  requests: FakeUpstreamRequest[];
  readonly requestCount: number;
  /** Responses whose connection the client closed before the fake had finished sending. */
  readonly closedEarly: number;
  /** Answers every request from now on with this scenario; undefined goes back to reading markers. */
  force(scenario: FakeScenario | undefined): void;
  close(): Promise<void>;
}

export interface FakeOpenAIUpstreamOptions {
  /** Answer every request with this scenario, whatever the prompt says (one provider down, another up). */
  forceScenario?: FakeScenario;
  /** Content chunks `fake-slow` sends. */
  slowChunkCount?: number;
  slowIntervalMilliseconds?: number;
  /** How long `fake-slow-first-token` holds its first content chunk back after the role chunk. */
  firstTokenDelayMilliseconds?: number;
  /** Bytes of the body (JSON) or the single unterminated event (stream) `fake-oversized` sends. */
  oversizedBytes?: number;
}

const FIXTURES = new URL("../gateway/providers/openai-compatible/__fixtures__/", import.meta.url);

interface RecordedCompletion {
  id: string;
  created: number;
  model: string;
  choices: Array<{ message: { content: string } }>;
  usage: Record<string, unknown>;
  [key: string]: unknown;
}

interface RecordedToolCallCompletion {
  choices: Array<{ message: { tool_calls: Array<{ function: { arguments: string } }> } }>;
  [key: string]: unknown;
}

type Chunk = Record<string, unknown>;

function readFixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), "utf8");
}

function readChunks(name: string): Chunk[] {
  return readFixture(name)
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Chunk);
}

/** The recorded tool call has empty arguments; tests want ones worth parsing. */
const TOOL_ARGUMENTS = '{"location":"San Francisco, CA"}';

export async function startFakeOpenAIUpstream(options: FakeOpenAIUpstreamOptions = {}): Promise<FakeOpenAIUpstream> {
  const slowChunkCount = options.slowChunkCount ?? 50;
  const slowIntervalMilliseconds = options.slowIntervalMilliseconds ?? 50;
  const firstTokenDelayMilliseconds = options.firstTokenDelayMilliseconds ?? 10_000;
  const oversizedBytes = options.oversizedBytes ?? 1024 * 1024;
  let forcedScenario = options.forceScenario;

  const textCompletion = JSON.parse(readFixture("openai-text.json")) as RecordedCompletion;
  const toolCompletion = JSON.parse(readFixture("groq-tool-call.json")) as RecordedToolCallCompletion;
  for (const call of toolCompletion.choices[0]?.message.tool_calls ?? []) call.function.arguments = TOOL_ARGUMENTS;
  const toolChunks = readChunks("groq-tool-call.chunks.txt");

  const requests: FakeUpstreamRequest[] = [];
  let closedEarly = 0;

  const server = createServer((request, response) => {
    readBody(request)
      .then((raw) => {
        const body = parseBody(raw);
        const path = (request.url ?? "/").split("?")[0] ?? "/";
        requests.push({ method: request.method ?? "GET", path, headers: request.headers, body });

        // A connection the client drops before we call end() counts; one we drop ourselves does not.
        let droppedByUs = false;
        response.on("close", () => {
          if (!response.writableFinished && !droppedByUs) closedEarly++;
        });
        const drop = (): void => {
          droppedByUs = true;
          response.socket?.destroy();
        };

        if (request.method === "GET" && path === "/v1/models") return sendModels(response);
        if (request.method !== "POST" || path !== "/v1/chat/completions") {
          return sendError(response, 404, { message: `Unknown path ${request.method} ${path}.`, type: "invalid_request_error", code: "not_found" });
        }
        const scenario = forcedScenario ?? pickScenario(body);
        const stream = isRecord(body) && body.stream === true;
        const includeUsage = stream && isRecord(body) && isRecord(body.stream_options) && body.stream_options.include_usage === true;
        respond({ scenario, stream, includeUsage, response, drop, model: isRecord(body) ? String(body.model) : "" });
      })
      .catch(() => {
        response.destroy();
      });
  });

  interface Exchange {
    scenario: FakeScenario | undefined;
    stream: boolean;
    includeUsage: boolean;
    response: ServerResponse;
    drop: () => void;
    model: string;
  }

  function respond({ scenario, stream, includeUsage, response, drop, model }: Exchange): void {
    switch (scenario) {
      case "fake-text":
        if (!stream) return sendJson(response, 200, textCompletion);
        return sendStream(response, [...textChunks(textCompletion, includeUsage), "[DONE]"]);
      case "fake-tools":
        if (!stream) return sendJson(response, 200, toolCompletion);
        return sendStream(response, [...toolCallChunks(toolChunks, includeUsage), "[DONE]"]);
      case "fake-error-500":
        return sendError(response, 500, {
          message: "The server had an error while processing your request. Sorry about that!",
          type: "server_error",
          code: null,
        });
      case "fake-error-429":
        return sendError(
          response,
          429,
          {
            message: "Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s.",
            type: "requests",
            code: "rate_limit_exceeded",
          },
          { "retry-after": "1" },
        );
      case "fake-error-401":
        return sendError(response, 401, {
          message: "Incorrect API key provided: sk-upstr*****test. You can find your API key at https://platform.openai.com/account/api-keys.",
          type: "invalid_request_error",
          code: "invalid_api_key",
        });
      case "fake-midstream-error": {
        const first = textChunks(textCompletion, false).slice(0, 4);
        const template = first[0] ?? {};
        // OpenRouter's shape: an error with the HTTP status as code, and a choice finished with "error".
        const error = {
          ...template,
          error: { code: 502, message: "Upstream provider disconnected unexpectedly." },
          choices: [{ index: 0, delta: { content: "" }, finish_reason: "error" }],
        };
        return sendStream(response, [...first, error]);
      }
      case "fake-midstream-drop": {
        const first = textChunks(textCompletion, false).slice(0, 4);
        return sendStream(response, first, { end: false, then: () => setTimeout(drop, 20) });
      }
      case "fake-slow":
        return sendSlowStream(response, includeUsage);
      case "fake-hang":
        // Reads the request and never answers, as an overloaded upstream; the client has to give up.
        return;
      case "fake-slow-first-token": {
        if (!stream) {
          const timer = setTimeout(() => sendJson(response, 200, textCompletion), firstTokenDelayMilliseconds);
          response.on("close", () => clearTimeout(timer));
          return;
        }
        const [opening, ...rest] = textChunks(textCompletion, includeUsage);
        response.writeHead(200, sseHeaders);
        response.write(sseData(opening));
        const timer = setTimeout(() => {
          for (const chunk of rest) response.write(sseData(chunk));
          response.end(sseData("[DONE]"));
        }, firstTokenDelayMilliseconds);
        response.on("close", () => clearTimeout(timer));
        return;
      }
      case "fake-drop-before-first-token": {
        if (!stream) return drop();
        const opening = textChunks(textCompletion, false).slice(0, 1);
        return sendStream(response, opening, { end: false, then: () => setTimeout(drop, 20) });
      }
      case "fake-malformed-sse": {
        if (!stream) return sendTruncatedJson(response);
        // A role chunk, then an event that is not JSON, before any output.
        const opening = textChunks(textCompletion, false).slice(0, 1);
        response.writeHead(200, sseHeaders);
        for (const chunk of opening) response.write(sseData(chunk));
        response.end('data: {"id":"chatcmpl-broken","choices":[{"delta":{"content":\n\ndata: [DONE]\n\n');
        return;
      }
      case "fake-malformed-midstream": {
        if (!stream) return sendTruncatedJson(response);
        const first = textChunks(textCompletion, false).slice(0, 4);
        response.writeHead(200, sseHeaders);
        for (const chunk of first) response.write(sseData(chunk));
        response.end("data: <html>502 Bad Gateway</html>\n\ndata: [DONE]\n\n");
        return;
      }
      case "fake-oversized": {
        // No Content-Length, so the gateway can only find out by reading; sent
        // in pieces, so a reader that gives up early is seen closing.
        if (stream) {
          response.writeHead(200, sseHeaders);
          // One event that never ends: a line of filler with no line break.
          return sendInPieces(response, "data: ", "", oversizedBytes);
        }
        response.writeHead(200, { "content-type": "application/json" });
        const opening = `{"id":"chatcmpl-huge","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"`;
        return sendInPieces(response, opening, `"},"finish_reason":"stop"}]}`, oversizedBytes);
      }
      case "fake-stall-midstream": {
        if (!stream) return sendTricklingJson(response);
        // Output, then only keep-alive comments: the stream looks alive but says nothing.
        const first = textChunks(textCompletion, false).slice(0, 4);
        response.writeHead(200, sseHeaders);
        for (const chunk of first) response.write(sseData(chunk));
        const timer = setInterval(() => response.write(": OPENROUTER PROCESSING\n\n"), 100);
        response.on("close", () => clearInterval(timer));
        return;
      }
      case "fake-trickle-comments": {
        if (!stream) return sendTricklingJson(response);
        // Bytes keep coming, a comment every 100 ms, but never a token.
        response.writeHead(200, sseHeaders);
        const timer = setInterval(() => response.write(": OPENROUTER PROCESSING\n\n"), 100);
        response.on("close", () => clearInterval(timer));
        return;
      }
      default:
        return sendError(response, 404, {
          message: `The model \`${model}\` does not exist or you do not have access to it.`,
          type: "invalid_request_error",
          code: "model_not_found",
        });
    }
  }

  function sendSlowStream(response: ServerResponse, includeUsage: boolean): void {
    const envelope = { id: "chatcmpl-fake-slow", object: "chat.completion.chunk", created: textCompletion.created, model: textCompletion.model };
    response.writeHead(200, sseHeaders);
    // OpenRouter-style keep-alive comment: clients must skip it.
    response.write(": OPENROUTER PROCESSING\n\n");
    response.write(sseData({ ...envelope, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] }));
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < slowChunkCount) {
        sent++;
        response.write(sseData({ ...envelope, choices: [{ index: 0, delta: { content: `tick ${sent} ` }, finish_reason: null }] }));
        return;
      }
      clearInterval(timer);
      response.write(sseData({ ...envelope, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] }));
      if (includeUsage) {
        const usage = { prompt_tokens: 12, completion_tokens: slowChunkCount * 3, total_tokens: 12 + slowChunkCount * 3 };
        response.write(sseData({ ...envelope, choices: [], usage }));
      }
      response.end(sseData("[DONE]"));
    }, slowIntervalMilliseconds);
    response.on("close", () => clearInterval(timer));
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    get requestCount() {
      return requests.length;
    },
    get closedEarly() {
      return closedEarly;
    },
    force(scenario) {
      forcedScenario = scenario;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * The recorded completion as OpenAI streams it: a role chunk, the content in
 * word-sized pieces, a finish chunk, then (when asked for) a usage chunk with
 * empty choices, as in the recorded openai-text.chunks.txt.
 */
function textChunks(completion: RecordedCompletion, includeUsage: boolean): Chunk[] {
  const envelope: Chunk = {
    id: completion.id,
    object: "chat.completion.chunk",
    created: completion.created,
    model: completion.model,
    service_tier: completion.service_tier,
    system_fingerprint: completion.system_fingerprint,
  };
  const withUsage = (chunk: Chunk): Chunk => (includeUsage ? { ...chunk, usage: null } : chunk);
  const content = completion.choices[0]?.message.content ?? "";
  const pieces: string[] = [...(content.match(/\s*\S+/g) ?? [])];
  const trailing = content.slice(pieces.join("").length);
  if (trailing) pieces.push(trailing);

  const chunks: Chunk[] = [
    withUsage({ ...envelope, choices: [{ index: 0, delta: { role: "assistant", content: "", refusal: null }, logprobs: null, finish_reason: null }] }),
    ...pieces.map((piece) => withUsage({ ...envelope, choices: [{ index: 0, delta: { content: piece }, logprobs: null, finish_reason: null }] })),
    withUsage({ ...envelope, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: "stop" }] }),
  ];
  if (includeUsage) chunks.push({ ...envelope, choices: [], usage: completion.usage });
  return chunks;
}

/**
 * Groq's recorded tool-call stream, with the arguments streamed in pieces as
 * OpenAI does (the first delta names the call, later ones append), and Groq's
 * usage on the finish chunk only when it was asked for.
 */
function toolCallChunks(recorded: Chunk[], includeUsage: boolean): Chunk[] {
  const [roleChunk, callChunk, finishChunk] = recorded;
  if (!roleChunk || !callChunk || !finishChunk) throw new Error("groq-tool-call.chunks.txt changed shape.");
  const call = (callChunk.choices as Array<{ delta: { tool_calls: Array<Record<string, unknown>> } }>)[0]?.delta.tool_calls[0] ?? {};
  const { choices: _choices, ...envelope } = callChunk;
  const argumentPieces = [TOOL_ARGUMENTS.slice(0, 12), TOOL_ARGUMENTS.slice(12, 20), TOOL_ARGUMENTS.slice(20)];
  const deltaChunk = (toolCall: Record<string, unknown>): Chunk => ({
    ...envelope,
    choices: [{ index: 0, delta: { tool_calls: [toolCall] }, logprobs: null, finish_reason: null }],
  });
  const { usage: _usage, ...finishWithoutUsage } = finishChunk;
  return [
    roleChunk,
    deltaChunk({ ...call, function: { name: "weather", arguments: "" }, index: 0 }),
    ...argumentPieces.map((piece) => deltaChunk({ index: 0, function: { arguments: piece } })),
    includeUsage ? finishChunk : finishWithoutUsage,
  ];
}

const sseHeaders = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" };

function sseData(payload: unknown): string {
  return `data: ${typeof payload === "string" ? payload : JSON.stringify(payload)}\n\n`;
}

function sendStream(response: ServerResponse, payloads: unknown[], { end = true, then }: { end?: boolean; then?: () => void } = {}): void {
  response.writeHead(200, sseHeaders);
  for (const payload of payloads) response.write(sseData(payload));
  if (end) response.end();
  then?.();
}

/** `opening`, then `fillerBytes` of filler 16 KiB at a time, then `closing`. */
function sendInPieces(response: ServerResponse, opening: string, closing: string, fillerBytes: number): void {
  const piece = "x".repeat(16 * 1024);
  let left = fillerBytes;
  response.write(opening);
  const timer = setInterval(() => {
    if (left > 0) {
      response.write(piece.slice(0, Math.min(left, piece.length)));
      left -= piece.length;
      return;
    }
    clearInterval(timer);
    response.end(closing);
  }, 2);
  response.on("close", () => clearInterval(timer));
}

/** A 200 whose JSON body stops half-way. */
function sendTruncatedJson(response: ServerResponse): void {
  response.writeHead(200, { "content-type": "application/json" }).end('{"id":"chatcmpl-broken","object":"chat.completion","choices":[{"index":0,');
}

/** A 200 whose JSON body never ends: a space every 100 ms, which JSON allows. */
function sendTricklingJson(response: ServerResponse): void {
  response.writeHead(200, { "content-type": "application/json" });
  response.write('{"id":"chatcmpl-trickle",');
  const timer = setInterval(() => response.write(" "), 100);
  response.on("close", () => clearInterval(timer));
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

function sendError(
  response: ServerResponse,
  status: number,
  error: { message: string; type: string; code: string | null },
  headers: Record<string, string> = {},
): void {
  sendJson(response, status, { error: { ...error, param: null } }, headers);
}

function sendModels(response: ServerResponse): void {
  sendJson(response, 200, {
    object: "list",
    data: FAKE_SCENARIOS.map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "switchyard-testing" })),
  });
}

const SCENARIO_MARKER = /\[scenario:([a-z0-9-]+)\]/;

function pickScenario(body: unknown): FakeScenario | undefined {
  if (!isRecord(body)) return undefined;
  const messages = Array.isArray(body.messages) ? body.messages : [];
  for (const message of messages) {
    const marked = isRecord(message) ? SCENARIO_MARKER.exec(textOf(message.content)) : null;
    if (marked?.[1] && isScenario(marked[1])) return marked[1];
  }
  return typeof body.model === "string" && isScenario(body.model) ? body.model : undefined;
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part) => (isRecord(part) && typeof part.text === "string" ? part.text : "")).join(" ");
}

function isScenario(name: string): name is FakeScenario {
  return (FAKE_SCENARIOS as readonly string[]).includes(name);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let raw = "";
    request.setEncoding("utf8");
    request.on("data", (part: string) => (raw += part));
    request.on("end", () => resolve(raw));
    request.on("error", reject);
  });
}

function parseBody(raw: string): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
