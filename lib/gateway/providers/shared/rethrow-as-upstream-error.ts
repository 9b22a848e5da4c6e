import { UpstreamError } from "../../errors";
import { ProviderAddressNotAllowedError } from "../../../security/guard-provider-lookup";

/** Who failed, for messages. */
export interface ProviderErrorContext {
  providerId: string;
  providerName: string;
}

/**
 * A fetch or body read that threw. An abort is the caller's own decision and
 * is rethrown as it is; anything else (refused, reset, DNS, timeout) becomes
 * an UpstreamError with no status, which callers may retry elsewhere.
 */
export function rethrowAsUpstreamError(context: ProviderErrorContext, error: unknown, signal: AbortSignal, during: string): never {
  if (signal.aborted) throw signal.reason ?? error;
  if (error instanceof UpstreamError) throw error;
  const refusal = findCause(error, ProviderAddressNotAllowedError);
  if (refusal) {
    // The client learns why, not which internal address the name resolved to (the server log has that).
    throw new UpstreamError(
      `${during} ${context.providerName} was refused: its base URL points at an internal address (${refusal.kind}), which is not allowed unless ALLOW_PRIVATE_PROVIDER_URLS is set.`,
      { providerId: context.providerId, code: "provider_address_not_allowed", cause: error },
    );
  }
  const code = findErrorCode(error);
  // ResponseTooLarge or SseEventTooLarge: the size is the useful part.
  if (code === "RESPONSE_TOO_LARGE") {
    throw new UpstreamError(`${during} ${context.providerName} failed: it sent ${(error as Error).message}.`, { providerId: context.providerId, cause: error });
  }
  throw new UpstreamError(`${during} ${context.providerName} failed${code ? ` (${code})` : ""}.`, {
    providerId: context.providerId,
    cause: error,
  });
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

function findCause<Type extends Error>(error: unknown, type: abstract new (...args: never[]) => Type): Type | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof type) return current;
    current = current.cause;
  }
  return undefined;
}
