import type { Expectation } from "./fuzz-targets";
import type { RawResponse } from "./send-raw-request";

/**
 * What must never reach a client: stack frames, paths on the server,
 * bundler and database internals, and the names of JavaScript's own errors
 * (a message carrying one is an internal failure passed on as is).
 */
const LEAKS: readonly RegExp[] = [
  /\n\s*at\s/,
  /\bat\s+\S+\s+\(\S+:\d+:\d+\)/,
  /\/work\/|node_modules|\.next\/|webpack|file:\/\//,
  /Prisma|SQLITE_|better-sqlite3/,
  /\b(?:RangeError|TypeError|ReferenceError|InternalError)\b|Maximum call stack/,
];

/** The problems with one response, none when it is right. */
export function checkFuzzResponse(expectation: Expectation, response: RawResponse): string[] {
  const { status } = response;
  const text = response.body.toString("utf8");
  if (status >= 500) return [`status ${status}: ${preview(text)}`];
  if (status < 200 || (status >= 300 && status < 400)) return [`unexpected status ${status}`];
  if (expectation.status !== undefined && status !== expectation.status) return [`status ${status} where ${expectation.status} was due: ${preview(text)}`];
  if (status < 300) {
    if (!expectation.success) return [`status ${status} for a request that is not valid: ${preview(text)}`];
    return checkSuccess(expectation.success, response, text);
  }
  const problems = expectation.errorShape === "anthropic" ? checkAnthropicError(response, text) : checkOpenAIError(response, text);
  for (const leak of LEAKS) if (leak.test(text)) problems.push(`the error leaks internals (${leak.source}): ${preview(text)}`);
  return problems;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isNonEmptyString = (value: unknown): value is string => typeof value === "string" && value.trim().length > 0;
const isJson = (response: RawResponse) => /^application\/json\b/.test(response.headers["content-type"] ?? "");

/** OpenAI's `{ error: { message, type?, code?, param? } }`, as JSON. */
function checkOpenAIError(response: RawResponse, text: string): string[] {
  const body = parseJson(text);
  const error = isRecord(body) ? body.error : undefined;
  if (!isJson(response) || !isRecord(error)) return [`status ${response.status} without OpenAI's error shape: ${preview(text)}`];
  const problems: string[] = [];
  if (!isNonEmptyString(error.message)) problems.push(`error.message is not a non-empty string: ${preview(text)}`);
  if (!["string", "undefined"].includes(typeof error.type) && error.type !== null) problems.push(`error.type is not a string: ${preview(text)}`);
  if (!["string", "number", "undefined"].includes(typeof error.code) && error.code !== null) problems.push(`error.code is not a string or number: ${preview(text)}`);
  if (!["string", "undefined"].includes(typeof error.param) && error.param !== null) problems.push(`error.param is not a string: ${preview(text)}`);
  return problems;
}

/** Anthropic's `{ type: "error", error: { type, message } }`, as JSON. */
function checkAnthropicError(response: RawResponse, text: string): string[] {
  const body = parseJson(text);
  const error = isRecord(body) ? body.error : undefined;
  if (!isJson(response) || !isRecord(body) || body.type !== "error" || !isRecord(error)) {
    return [`status ${response.status} without Anthropic's error shape: ${preview(text)}`];
  }
  if (!isNonEmptyString(error.type) || !isNonEmptyString(error.message)) return [`error.type or error.message is not a non-empty string: ${preview(text)}`];
  return [];
}

function checkSuccess(success: NonNullable<Expectation["success"]>, response: RawResponse, text: string): string[] {
  const eventStream = /^text\/event-stream\b/.test(response.headers["content-type"] ?? "");
  if (success.stream !== eventStream) return [`asked for ${success.stream ? "a stream" : "JSON"}, got ${response.headers["content-type"]}: ${preview(text)}`];
  if (success.shape === "data") {
    const body = parseJson(text);
    return isRecord(body) && body.data !== undefined ? [] : [`2xx without data: ${preview(text)}`];
  }
  if (success.stream) return success.shape === "chat" ? checkChatStream(text) : checkMessagesStream(text);
  const body = parseJson(text);
  if (!isRecord(body)) return [`2xx body is not a JSON object: ${preview(text)}`];
  if (success.shape === "chat") {
    const choice = Array.isArray(body.choices) ? (body.choices[0] as unknown) : undefined;
    const ok = body.object === "chat.completion" && isNonEmptyString(body.id) && isRecord(choice) && isRecord(choice.message) && isRecord(body.usage);
    return ok ? [] : [`not a chat completion: ${preview(text)}`];
  }
  const ok = body.type === "message" && body.role === "assistant" && Array.isArray(body.content) && isRecord(body.usage);
  return ok ? [] : [`not an Anthropic message: ${preview(text)}`];
}

/** `data:` lines of chat.completion.chunk objects, then `data: [DONE]`, and no error event. */
function checkChatStream(text: string): string[] {
  const data = text
    .split("\n")
    .filter((line) => line.startsWith("data:"))
    .map((line) => line.slice(5).trim());
  if (data.at(-1) !== "[DONE]") return [`the stream does not end with [DONE]: ${preview(text.slice(-300))}`];
  for (const item of data.slice(0, -1)) {
    const chunk = parseJson(item);
    if (!isRecord(chunk) || chunk.error !== undefined || chunk.object !== "chat.completion.chunk") return [`bad stream chunk: ${preview(item)}`];
  }
  return data.length > 1 ? [] : ["the stream has no chunks"];
}

/** Anthropic's events from message_start to message_stop, and no error event. */
function checkMessagesStream(text: string): string[] {
  const events = text
    .split("\n")
    .filter((line) => line.startsWith("event:"))
    .map((line) => line.slice(6).trim());
  if (events.includes("error")) return [`an error event in the stream: ${preview(text.slice(-300))}`];
  if (events[0] !== "message_start" || events.at(-1) !== "message_stop") return [`the stream is not message_start … message_stop: ${events.join(",")}`];
  return [];
}

function preview(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
