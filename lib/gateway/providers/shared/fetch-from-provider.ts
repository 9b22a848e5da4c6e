import { request, type Dispatcher } from "undici";
import type { UpstreamError } from "../../errors";
import { trustedProviderDispatcher } from "./provider-dispatchers";
import { toProviderResponse, type ProviderResponse } from "./provider-response";
import { rethrowAsUpstreamError, type ProviderErrorContext } from "./rethrow-as-upstream-error";

export interface ProviderPost {
  url: string;
  headers: Record<string, string>;
  /** Sent as JSON. */
  body: unknown;
  signal: AbortSignal;
  context: ProviderErrorContext;
  /** The provider's own reading of a non-2xx answer. */
  createHttpError: (response: ProviderResponse) => Promise<UpstreamError>;
  /** The pool to connect through (see ./provider-dispatchers); the trusted one when unset. */
  dispatcher?: Dispatcher | undefined;
}

/**
 * POSTs JSON to a provider and returns the 2xx response. A network failure
 * becomes an UpstreamError, a non-2xx answer the provider's own error, and
 * an abort stays the caller's abort. undici's own `request` rather than
 * fetch: a pass-through proxy on fetch costs about 400 µs of CPU a request
 * here, on `request` about 80 µs (measured with the bench harness's
 * baseline, see BENCHMARKS.md).
 */
export async function fetchFromProvider(post: ProviderPost): Promise<ProviderResponse> {
  let response: ProviderResponse;
  try {
    const dispatcher = post.dispatcher ?? trustedProviderDispatcher;
    const answer = await request(post.url, { method: "POST", headers: post.headers, body: JSON.stringify(post.body), signal: post.signal, dispatcher });
    response = toProviderResponse(answer);
  } catch (error) {
    rethrowAsUpstreamError(post.context, error, post.signal, "Connecting to");
  }
  if (!response.ok) {
    const error = await post.createHttpError(response);
    // An abort while the error body was read is still the caller's abort.
    if (post.signal.aborted) throw post.signal.reason;
    throw error;
  }
  return response;
}

/** The whole body of a 2xx response as text; a broken read is handled like a broken connection. */
export async function readResponseText(response: ProviderResponse, context: ProviderErrorContext, signal: AbortSignal): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    rethrowAsUpstreamError(context, error, signal, "Reading the response from");
  }
}
