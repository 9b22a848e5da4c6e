import { UpstreamError } from "../../errors";
import { openAICompatibleErrorBodySchema, openAICompatibleErrorObjectSchema } from "./openai-compatible-api";

/** Who failed, for messages and for redacting the key from them. */
export interface ErrorContext {
  providerId: string;
  providerName: string;
  apiKey?: string;
}

/** Error messages reach clients and logs: long ones are cut here. */
const MAX_MESSAGE_LENGTH = 300;
/** Enough for any real error body; a huge one is not read to the end. */
const MAX_ERROR_BODY_BYTES = 16 * 1024;

/**
 * A non-2xx answer as an UpstreamError: "OpenAI returned 429: Rate limit
 * reached ...". The provider's own message is kept (it is usually the only
 * useful clue) but anything that looks like a key is removed from it.
 * @see https://platform.openai.com/docs/guides/error-codes
 */
export async function createOpenAICompatibleHttpError(context: ErrorContext, response: Response): Promise<UpstreamError> {
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
 * A fetch or body read that threw. An abort is the caller's own decision and
 * is rethrown as it is; anything else (refused, reset, DNS, timeout) becomes
 * an UpstreamError with no status, which callers may retry elsewhere.
 */
export function rethrowAsUpstreamError(context: ErrorContext, error: unknown, signal: AbortSignal, during: string): never {
  if (signal.aborted) throw signal.reason ?? error;
  if (error instanceof UpstreamError) throw error;
  const code = findErrorCode(error);
  throw new UpstreamError(`${during} ${context.providerName} failed${code ? ` (${code})` : ""}.`, {
    providerId: context.providerId,
    cause: error,
  });
}

/**
 * An `error` payload inside a 2xx answer: OpenRouter, vLLM and OpenAI itself
 * report failures after the first byte of a stream this way. OpenRouter's numeric code
 * is the HTTP status the error would have had, so it decides retryability.
 * @see https://openrouter.ai/docs/api-reference/errors
 */
export function createOpenAICompatiblePayloadError(context: ErrorContext, error: unknown): UpstreamError {
  const parsed = openAICompatibleErrorObjectSchema.safeParse(error);
  const details = parsed.success ? parsed.data : undefined;
  const rawMessage = typeof error === "string" ? error : details?.message;
  const code = details?.code;
  const upstreamStatus = typeof code === "number" && code >= 400 && code <= 599 ? code : undefined;
  const message = `${context.providerName} reported an error: ${rawMessage ? cleanMessage(rawMessage, context) : "unknown error"}`;
  return new UpstreamError(message, {
    providerId: context.providerId,
    ...(upstreamStatus === undefined ? {} : { upstreamStatus }),
  });
}

/**
 * A 2xx answer the gateway cannot use. It is treated like a broken connection
 * (no status, so retryable): the request was fine, the provider misbehaved.
 */
export function createOpenAICompatibleInvalidResponseError(context: ErrorContext, problem: string): UpstreamError {
  return new UpstreamError(`${context.providerName} sent an invalid response: ${problem}`, { providerId: context.providerId });
}

function extractErrorMessage(bodyText: string): string | undefined {
  const trimmed = bodyText.trim();
  if (!trimmed) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    // Plain text from a proxy or load balancer; HTML error pages say nothing useful.
    return trimmed.startsWith("<") ? undefined : trimmed;
  }
  // Gemini's OpenAI-compatible endpoint wraps the error in a one-element array.
  const candidate = Array.isArray(json) ? json[0] : json;
  const parsed = openAICompatibleErrorBodySchema.safeParse(candidate);
  if (!parsed.success) return undefined;
  const { error, message, detail } = parsed.data;
  if (typeof error === "string") return error;
  return error?.message ?? message ?? detail ?? error?.type ?? undefined;
}

/**
 * Key formats providers echo back in error messages (OpenAI's "Incorrect API
 * key provided: sk-abc***xyz"), plus long hex strings (Together's keys); the
 * configured key itself is removed separately.
 */
const KEY_PATTERNS = [
  /\b(?:sk|pk|rk|gsk|xai|fw)[-_][A-Za-z0-9_\-*]{6,}/g,
  /\bAIza[0-9A-Za-z_-]{20,}/g,
  /\b[0-9a-fA-F]{40,}\b/g,
  /\bBearer\s+\S+/gi,
];

function cleanMessage(message: string, context: ErrorContext): string {
  let cleaned = message;
  if (context.apiKey) cleaned = cleaned.split(context.apiKey).join("[redacted]");
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

/** undici hides the useful part ("ECONNREFUSED", "UND_ERR_SOCKET") in a chain of causes. */
function findErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = current.cause;
  }
  return undefined;
}
