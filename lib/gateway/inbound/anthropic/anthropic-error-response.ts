import { toGatewayError } from "../../errors";

/**
 * Any error as Anthropic's error body with the gateway's status, so the
 * Anthropic SDK raises the matching exception class.
 * @see https://docs.claude.com/en/api/errors
 */
export function anthropicErrorResponse(error: unknown, extraHeaders?: HeadersInit): Response {
  const gatewayError = toGatewayError(error);
  if (gatewayError.status >= 500 && gatewayError.type === "server_error") {
    console.error("[api] internal error:", gatewayError.cause ?? gatewayError);
  }
  const headers = new Headers(extraHeaders);
  if (gatewayError.generationId) headers.set("X-Generation-Id", gatewayError.generationId);
  if (gatewayError.retryAfterSeconds !== undefined) headers.set("Retry-After", String(gatewayError.retryAfterSeconds));
  return Response.json(anthropicErrorBody(gatewayError.status, gatewayError.message), { status: gatewayError.status, headers });
}

export function anthropicErrorBody(status: number, message: string) {
  return { type: "error", error: { type: anthropicErrorType(status), message } };
}

function anthropicErrorType(status: number): string {
  switch (status) {
    case 400:
      return "invalid_request_error";
    case 401:
      return "authentication_error";
    case 402:
      return "billing_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 413:
      return "request_too_large";
    case 429:
      return "rate_limit_error";
    case 503:
    case 529:
      return "overloaded_error";
    default:
      return status >= 500 ? "api_error" : "invalid_request_error";
  }
}
