/**
 * One error family for the gateway. Every failure a client can see is a
 * GatewayError; `toErrorBody` turns it into OpenAI's error shape with
 * OpenRouter's status codes. Internal causes are logged, never sent.
 */
import { isDatabaseUnavailable, isUnstorableText } from "../db/database-unavailable";

export type ErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "insufficient_quota"
  | "permission_error"
  | "not_found_error"
  | "request_timeout"
  | "rate_limit_error"
  | "upstream_error"
  | "service_unavailable"
  | "server_error";

export interface GatewayErrorOptions {
  param?: string | null;
  code?: string | null;
  cause?: unknown;
  /** Seconds the client should wait (429). */
  retryAfterSeconds?: number;
  metadata?: Record<string, unknown>;
}

export class GatewayError extends Error {
  readonly status: number;
  readonly type: ErrorType;
  readonly param: string | null;
  readonly code: string | null;
  readonly retryAfterSeconds: number | undefined;
  readonly metadata: Record<string, unknown> | undefined;
  /** Set when the failure happened after a generation was recorded, so the client can look it up. */
  generationId: string | undefined;

  constructor(status: number, type: ErrorType, message: string, options: GatewayErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.status = status;
    this.type = type;
    this.param = options.param ?? null;
    this.code = options.code ?? null;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.metadata = options.metadata;
  }
}

export class InvalidRequestError extends GatewayError {
  constructor(message: string, options: GatewayErrorOptions = {}) {
    super(400, "invalid_request_error", message, options);
  }
}

export class MethodNotAllowedError extends GatewayError {
  constructor(method: string, allowed: string) {
    super(405, "invalid_request_error", `${method} is not allowed here; use ${allowed}.`, { code: "method_not_allowed" });
  }
}

export class PayloadTooLargeError extends GatewayError {
  constructor(message: string) {
    super(413, "invalid_request_error", message, { code: "payload_too_large" });
  }
}

export class AuthenticationError extends GatewayError {
  constructor(message = "Missing or invalid API key. Pass it as 'Authorization: Bearer <key>'.") {
    super(401, "authentication_error", message, { code: "invalid_api_key" });
  }
}

export class InsufficientCreditsError extends GatewayError {
  constructor(message = "Insufficient credits. Add credits to your account to use paid models.") {
    super(402, "insufficient_quota", message, { code: "insufficient_credits" });
  }
}

export class UnknownModelError extends GatewayError {
  constructor(model: string) {
    super(404, "not_found_error", `Model '${model}' does not exist or is not served by any configured provider.`, {
      param: "model",
      code: "model_not_found",
    });
  }
}

export class NotFoundError extends GatewayError {
  constructor(message: string, options: GatewayErrorOptions = {}) {
    super(404, "not_found_error", message, { code: "not_found", ...options });
  }
}

export class RequestTimeoutError extends GatewayError {
  constructor(message = "The request timed out.") {
    super(408, "request_timeout", message, { code: "timeout" });
  }
}

export class RateLimitError extends GatewayError {
  constructor(message: string, retryAfterSeconds: number) {
    super(429, "rate_limit_error", message, { code: "rate_limit_exceeded", retryAfterSeconds });
  }
}

/** Endpoints that could serve the request are out for now (their circuit is open): worth retrying later. */
export class NoProviderAvailableError extends GatewayError {
  constructor(message: string) {
    super(503, "service_unavailable", message, { code: "no_provider_available" });
  }
}

/**
 * No endpoint can serve the request as it is: none supports a parameter it
 * uses or has the context it needs, or its provider preferences rule them
 * all out. Retrying cannot help, so it is a 404 as OpenRouter answers it
 * ("No endpoints found that support ..."), not a 503 that clients retry.
 */
export class NoMatchingEndpointError extends GatewayError {
  constructor(message: string) {
    super(404, "not_found_error", message, { code: "no_endpoints_found" });
  }
}

export class UnsupportedFeatureError extends GatewayError {
  constructor(message: string, param?: string) {
    super(400, "invalid_request_error", message, { param: param ?? null, code: "unsupported_parameter" });
  }
}

export interface UpstreamErrorOptions extends GatewayErrorOptions {
  providerId: string;
  /** The provider's HTTP status, or undefined when no response came (connection error). */
  upstreamStatus?: number;
}

/**
 * A provider answered with an error or could not be reached. The client sees
 * 502 (or the provider's 4xx where the fault is the request's, or 408/429),
 * never the provider's raw body when it may hold internals.
 */
export class UpstreamError extends GatewayError {
  readonly providerId: string;
  readonly upstreamStatus: number | undefined;

  constructor(message: string, options: UpstreamErrorOptions) {
    super(clientStatusFor(options.upstreamStatus), typeFor(options.upstreamStatus), message, {
      code: options.code ?? "upstream_error",
      ...options,
    });
    this.providerId = options.providerId;
    this.upstreamStatus = options.upstreamStatus;
  }

  /** 408, 409, 429, 5xx and connection failures are worth retrying elsewhere. */
  get isRetryable(): boolean {
    const status = this.upstreamStatus;
    return status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
  }
}

function clientStatusFor(upstreamStatus: number | undefined): number {
  if (upstreamStatus === undefined) return 502;
  if (upstreamStatus === 408 || upstreamStatus === 429) return upstreamStatus;
  // A request the provider rejected as malformed is the client's to fix.
  if (upstreamStatus === 400 || upstreamStatus === 413 || upstreamStatus === 422) return 400;
  return 502;
}

function typeFor(upstreamStatus: number | undefined): ErrorType {
  if (upstreamStatus === 408) return "request_timeout";
  if (upstreamStatus === 429) return "rate_limit_error";
  if (upstreamStatus === 400 || upstreamStatus === 413 || upstreamStatus === 422) return "invalid_request_error";
  return "upstream_error";
}

export interface ErrorBody {
  error: {
    message: string;
    type: ErrorType;
    param: string | null;
    code: string | number | null;
    metadata?: Record<string, unknown>;
  };
}

/** The database is away (restarting, unreachable): retry shortly, maybe on another instance. */
export class DatabaseUnavailableError extends GatewayError {
  constructor(cause: unknown) {
    super(503, "service_unavailable", "The database is unavailable right now; retry in a moment.", {
      code: "database_unavailable",
      retryAfterSeconds: 1,
      cause,
    });
  }
}

/** Any thrown value to a GatewayError; a lost database becomes a 503, other unknown errors an opaque 500. */
export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  if (isDatabaseUnavailable(error)) return new DatabaseUnavailableError(error);
  if (isUnstorableText(error)) return new GatewayError(400, "invalid_request_error", "The request contains a NUL character (U+0000), which cannot be stored.", { code: "invalid_text", cause: error });
  return new GatewayError(500, "server_error", "Internal server error.", { cause: error, code: "internal_error" });
}

export function toErrorBody(error: GatewayError): ErrorBody {
  return {
    error: {
      message: error.message,
      type: error.type,
      param: error.param,
      code: error.code,
      ...(error.metadata ? { metadata: error.metadata } : {}),
    },
  };
}
