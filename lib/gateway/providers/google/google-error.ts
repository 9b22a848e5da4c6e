import { UpstreamError } from "../../errors";
import { cleanProviderMessage, SAMPLE_LENGTH } from "../shared/clean-provider-message";
import { readErrorBody } from "../shared/read-error-body";
import type { ErrorContext } from "../openai-compatible";
import { googleErrorBodySchema, googleErrorObjectSchema, type GoogleErrorObject } from "./google-api";
import type { ProviderResponse } from "../shared/provider-response";

/** Google API keys; the configured key is removed separately. */
const KEY_PATTERNS = [/\bAIza[0-9A-Za-z_-]{20,}/g];

/**
 * A non-2xx answer as an UpstreamError: "Google AI Studio returned 429
 * RESOURCE_EXHAUSTED: You exceeded your current quota". Only the top-level
 * message is kept; `details` (DebugInfo can quote the key) never is. A 429's
 * wait comes from RetryInfo, else from Retry-After.
 * @see https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 */
export async function createGoogleHttpError(context: ErrorContext, response: ProviderResponse): Promise<UpstreamError> {
  const bodyText = await readErrorBody(response);
  const error = parseErrorBody(bodyText);
  return createGoogleError(context, error, response.status, parseRetryAfterHeader(response.headers.get("retry-after")));
}

/**
 * An `{ error }` event inside a 2xx stream; its `code` is the HTTP status
 * the error would have had.
 */
export function createGooglePayloadError(context: ErrorContext, payload: unknown): UpstreamError {
  const parsed = googleErrorObjectSchema.safeParse(payload);
  const error = parsed.success ? parsed.data : undefined;
  const code = error?.code;
  return createGoogleError(context, error, typeof code === "number" && code >= 400 && code <= 599 ? code : undefined, undefined);
}

/**
 * A 2xx answer the adapter cannot use; retryable, like a broken connection.
 * `sample`, what was sent, is quoted short and cleaned of keys.
 */
export function createGoogleInvalidResponseError(context: ErrorContext, problem: string, sample?: string): UpstreamError {
  const quoted = sample === undefined ? "" : `: ${cleanMessage(sample, context, SAMPLE_LENGTH)}`;
  return new UpstreamError(`${context.providerName} sent an invalid response: ${problem}${quoted}`, { providerId: context.providerId });
}

function createGoogleError(
  context: ErrorContext,
  error: GoogleErrorObject | undefined,
  status: number | undefined,
  retryAfterHeader: number | undefined,
): UpstreamError {
  const reason = error?.details?.find((detail) => detail.reason)?.reason ?? undefined;
  // Gemini answers a bad key with 400 INVALID_ARGUMENT; it is the gateway's
  // credential that failed, not the client's request, so it must not reach
  // the client as a 400 telling it to fix its request.
  const upstreamStatus = reason === "API_KEY_INVALID" && status === 400 ? 401 : status;
  const label = [status === undefined ? "an error" : String(status), error?.status].filter(Boolean).join(" ");
  const prefix = status === undefined ? `${context.providerName} reported an error` : `${context.providerName} returned ${label}`;
  const message = error?.message ? `${prefix}: ${cleanMessage(error.message, context)}` : `${prefix}.`;
  const retryAfterSeconds = parseRetryDelay(error) ?? retryAfterHeader;
  return new UpstreamError(message, {
    providerId: context.providerId,
    ...(upstreamStatus === undefined ? {} : { upstreamStatus }),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    ...(reason ? { metadata: { reason } } : {}),
  });
}

function parseErrorBody(bodyText: string): GoogleErrorObject | undefined {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  // Some Google front ends wrap the error in a one-element array.
  const candidate = Array.isArray(json) ? (json[0] as unknown) : json;
  const parsed = googleErrorBodySchema.safeParse(candidate);
  return parsed.success ? parsed.data.error : undefined;
}

/** RetryInfo's retryDelay is a protobuf Duration in JSON: "34.4s". */
function parseRetryDelay(error: GoogleErrorObject | undefined): number | undefined {
  const delay = error?.details?.find((detail) => detail["@type"]?.endsWith("google.rpc.RetryInfo"))?.retryDelay;
  const match = delay ? /^(\d+(?:\.\d+)?)s$/.exec(delay) : null;
  return match?.[1] === undefined ? undefined : Math.ceil(Number(match[1]));
}

function parseRetryAfterHeader(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
}

function cleanMessage(message: string, context: ErrorContext, maxLength?: number): string {
  return cleanProviderMessage(message, { apiKey: context.apiKey, keyPatterns: KEY_PATTERNS, ...(maxLength === undefined ? {} : { maxLength }) });
}
