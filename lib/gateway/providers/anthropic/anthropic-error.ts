import { UpstreamError } from "../../errors";
import { cleanProviderMessage, SAMPLE_LENGTH } from "../shared/clean-provider-message";
import { createProviderHttpError } from "../shared/create-provider-http-error";
import { anthropicErrorBodySchema, type AnthropicErrorObject } from "./anthropic-api";
import type { ProviderResponse } from "../shared/provider-response";

/** Who failed, for messages and for redacting the key from them. */
export interface AnthropicErrorContext {
  providerId: string;
  providerName: string;
  apiKey: string;
}

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
export async function createAnthropicHttpError(context: AnthropicErrorContext, response: ProviderResponse): Promise<UpstreamError> {
  return createProviderHttpError(context, response, {
    extractMessage: extractErrorMessage,
    cleanMessage: (message) => cleanMessage(message, context),
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

/**
 * A 2xx answer the adapter cannot use: like a broken connection, retryable.
 * `sample`, what was sent, is quoted short and cleaned of keys.
 */
export function createAnthropicInvalidResponseError(context: AnthropicErrorContext, problem: string, sample?: string): UpstreamError {
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
    // Plain text from a proxy; an HTML error page says nothing useful.
    return trimmed.startsWith("<") ? undefined : trimmed;
  }
  const parsed = anthropicErrorBodySchema.safeParse(json);
  if (!parsed.success) return undefined;
  return parsed.data.error?.message ?? parsed.data.error?.type ?? undefined;
}

/** Anthropic keys (`sk-ant-api03-...`) and bearer tokens, besides the configured key itself. */
const KEY_PATTERNS = [/\bsk-ant-[A-Za-z0-9_\-*]{6,}/g, /\bsk[-_][A-Za-z0-9_\-*]{6,}/g, /\bBearer\s+\S+/gi];

function cleanMessage(message: string, context: AnthropicErrorContext, maxLength?: number): string {
  return cleanProviderMessage(message, { apiKey: context.apiKey, keyPatterns: KEY_PATTERNS, ...(maxLength === undefined ? {} : { maxLength }) });
}
