import { UpstreamError } from "../../errors";
import { parseRetryAfter } from "./parse-retry-after";
import { readErrorBody } from "./read-error-body";
import type { ProviderResponse } from "./provider-response";

export interface ProviderErrorReading {
  /** The provider's own message from its error body, if it has one. */
  extractMessage: (bodyText: string) => string | undefined;
  /** Removes keys and noise from a provider message before anyone sees it. */
  cleanMessage: (message: string) => string;
}

/**
 * A non-2xx answer as an UpstreamError: "<Provider> returned 429: <its
 * message>", with the status and any Retry-After kept. Each provider says
 * how to read its error body and clean its messages.
 */
export async function createProviderHttpError(
  context: { providerId: string; providerName: string },
  response: ProviderResponse,
  reading: ProviderErrorReading,
): Promise<UpstreamError> {
  const bodyText = await readErrorBody(response);
  const upstreamMessage = reading.extractMessage(bodyText) ?? response.statusText;
  const prefix = `${context.providerName} returned ${response.status}`;
  const message = upstreamMessage ? `${prefix}: ${reading.cleanMessage(upstreamMessage)}` : `${prefix}.`;
  const retryAfterSeconds = parseRetryAfter(response.headers.get("retry-after"));
  return new UpstreamError(message, {
    providerId: context.providerId,
    upstreamStatus: response.status,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  });
}
