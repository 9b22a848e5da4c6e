import type { UpstreamError } from "../../errors";
import { rethrowAsUpstreamError, type ProviderErrorContext } from "./rethrow-as-upstream-error";

export interface ProviderPost {
  url: string;
  headers: Record<string, string>;
  /** Sent as JSON. */
  body: unknown;
  signal: AbortSignal;
  context: ProviderErrorContext;
  /** The provider's own reading of a non-2xx answer. */
  createHttpError: (response: Response) => Promise<UpstreamError>;
}

/**
 * POSTs JSON to a provider and returns the 2xx response. A network failure
 * becomes an UpstreamError, a non-2xx answer the provider's own error, and
 * an abort stays the caller's abort.
 */
export async function fetchFromProvider(post: ProviderPost): Promise<Response> {
  let response: Response;
  try {
    response = await unpatchedFetch()(post.url, { method: "POST", headers: post.headers, body: JSON.stringify(post.body), signal: post.signal });
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

/**
 * Node's own fetch. Next.js wraps the global one with its data cache and
 * tracing, which provider calls never use and which cost about a tenth of
 * the gateway's CPU per request (profiled, see BENCHMARKS.md); the wrapper
 * keeps the original as `_nextOriginalFetch` (next 16.4.6, pinned).
 */
function unpatchedFetch(): typeof fetch {
  return (fetch as typeof fetch & { _nextOriginalFetch?: typeof fetch })._nextOriginalFetch ?? fetch;
}

/** The whole body of a 2xx response as text; a broken read is handled like a broken connection. */
export async function readResponseText(response: Response, context: ProviderErrorContext, signal: AbortSignal): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    rethrowAsUpstreamError(context, error, signal, "Reading the response from");
  }
}
