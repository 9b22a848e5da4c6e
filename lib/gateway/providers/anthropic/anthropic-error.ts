import { UpstreamError } from "../../errors";
import { anthropicErrorBodySchema, type AnthropicErrorObject } from "./anthropic-api";

/** Who failed, for messages and for redacting the key from them. */
export interface AnthropicErrorContext {
  providerId: string;
  providerName: string;
  apiKey: string;
}

const MAX_MESSAGE_LENGTH = 300;
const MAX_ERROR_BODY_BYTES = 16 * 1024;

/**
 * Anthropic's error types with the HTTP status each comes with. An in-stream
 * `error` event has no status of its own, so its type decides the status
 * (and with it retryability: overloaded_error is 529, worth retrying).
 * @see https://docs.claude.com/en/api/errors
 */
const STATUS_BY_ERROR_TYPE: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/**
 * A non-2xx answer as an UpstreamError: "Anthropic returned 529: Overloaded".
 * @see https://docs.claude.com/en/api/errors
 */
export async function createAnthropicHttpError(context: AnthropicErrorContext, response: Response): Promise<UpstreamError> {
  let bodyText = "";
  try {
    bodyText = await readLimitedText(response, MAX_ERROR_BODY_BYTES);
  } catch {
    // The status alone still tells what happened.
  }
  const upstreamMessage = extractErrorMessage(bodyText) ?? response.statusText;
  const prefix = `${context.providerName} returned ${response.status}`;
  const message = upstreamMessage ? `${prefix}: ${cleanMessage(upstreamMessage, context)}` : `${prefix}.`;
  const retryAfterSeconds = parseRetryAfter(response.headers.get("retry-after"));
  return new UpstreamError(message, {
    providerId: context.providerId,
    upstreamStatus: response.status,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  });
}

/**
 * An `error` event in a stream that began with 200, e.g. `overloaded_error`
 * once the response is under way.
 * @see https://docs.claude.com/en/docs/build-with-claude/streaming#error-events
 */
export function createAnthropicStreamError(context: AnthropicErrorContext, error: AnthropicErrorObject): UpstreamError {
  const type = error.type ?? undefined;
  const upstreamStatus = type === undefined ? undefined : STATUS_BY_ERROR_TYPE[type];
  const detail = error.message ? cleanMessage(error.message, context) : (type ?? "unknown error");
  return new UpstreamError(`${context.providerName} reported an error: ${detail}`, {
    providerId: context.providerId,
    ...(upstreamStatus === undefined ? { upstreamStatus: 500 } : { upstreamStatus }),
  });
}

/** A 2xx answer the adapter cannot use: like a broken connection, retryable. */
export function createAnthropicInvalidResponseError(context: AnthropicErrorContext, problem: string): UpstreamError {
  return new UpstreamError(`${context.providerName} sent an invalid response: ${problem}`, { providerId: context.providerId });
}

function extractErrorMessage(bodyText: string): string | undefined {
  const trimmed = bodyText.trim();
  if (!trimmed) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    // Plain text from a proxy; an HTML error page says nothing useful.
    return trimmed.startsWith("<") ? undefined : trimmed;
  }
  const parsed = anthropicErrorBodySchema.safeParse(json);
  if (!parsed.success) return undefined;
  return parsed.data.error?.message ?? parsed.data.error?.type ?? undefined;
}

/** Anthropic keys (`sk-ant-api03-...`) and bearer tokens, besides the configured key itself. */
const KEY_PATTERNS = [/\bsk-ant-[A-Za-z0-9_\-*]{6,}/g, /\bsk[-_][A-Za-z0-9_\-*]{6,}/g, /\bBearer\s+\S+/gi];

function cleanMessage(message: string, context: AnthropicErrorContext): string {
  let cleaned = context.apiKey ? message.split(context.apiKey).join("[redacted]") : message;
  for (const pattern of KEY_PATTERNS) cleaned = cleaned.replace(pattern, "[redacted]");
  cleaned = cleaned.replace(/\s+/g, " ").trim();
  return cleaned.length > MAX_MESSAGE_LENGTH ? `${cleaned.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : cleaned;
}

/** Seconds from a Retry-After header, which holds either seconds or an HTTP date. */
function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function readLimitedText(response: Response, limit: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let received = 0;
  try {
    while (received < limit) {
      const result = await reader.read();
      if (result.done) return text + decoder.decode();
      received += result.value.byteLength;
      text += decoder.decode(result.value, { stream: true });
    }
    return text;
  } finally {
    // Releases the connection when the body was longer than the limit.
    await reader.cancel().catch(() => undefined);
  }
}
