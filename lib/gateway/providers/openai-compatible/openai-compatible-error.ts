import { UpstreamError } from "../../errors";
import { cleanProviderMessage, SAMPLE_LENGTH } from "../shared/clean-provider-message";
import { createProviderHttpError } from "../shared/create-provider-http-error";
import { openAICompatibleErrorBodySchema, openAICompatibleErrorObjectSchema } from "./openai-compatible-api";
import type { ProviderResponse } from "../shared/provider-response";

/** Who failed, for messages and for redacting the key from them. */
export interface ErrorContext {
  providerId: string;
  providerName: string;
  apiKey?: string;
}

/**
 * A non-2xx answer as an UpstreamError: "OpenAI returned 429: Rate limit
 * reached ...". The provider's own message is kept (it is usually the only
 * useful clue) but anything that looks like a key is removed from it.
 * @see https://platform.openai.com/docs/guides/error-codes
 */
export async function createOpenAICompatibleHttpError(context: ErrorContext, response: ProviderResponse): Promise<UpstreamError> {
  return createProviderHttpError(context, response, {
    extractMessage: extractErrorMessage,
    cleanMessage: (message) => cleanMessage(message, context),
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
 * `sample`, what the provider sent, is quoted short and cleaned like its
 * messages: a server that echoes the request can echo the key too.
 */
export function createOpenAICompatibleInvalidResponseError(context: ErrorContext, problem: string, sample?: string): UpstreamError {
  const quoted = sample === undefined ? "" : `: ${cleanMessage(sample, context, SAMPLE_LENGTH)}`;
  return new UpstreamError(`${context.providerName} sent an invalid response: ${problem}${quoted}`, { providerId: context.providerId });
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

function cleanMessage(message: string, context: ErrorContext, maxLength?: number): string {
  return cleanProviderMessage(message, { apiKey: context.apiKey, keyPatterns: KEY_PATTERNS, ...(maxLength === undefined ? {} : { maxLength }) });
}
