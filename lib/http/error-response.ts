import { toErrorBody, toGatewayError } from "../gateway/errors";

/** Any error as an OpenAI-shaped JSON response; unknown errors are logged and become an opaque 500. */
export function errorResponse(error: unknown, headers?: HeadersInit): Response {
  const gatewayError = toGatewayError(error);
  if (gatewayError.status >= 500 && gatewayError.type === "server_error") {
    console.error("[api] internal error:", gatewayError.cause ?? gatewayError);
  }
  const responseHeaders = new Headers(headers);
  if (gatewayError.generationId) responseHeaders.set("X-Generation-Id", gatewayError.generationId);
  if (gatewayError.retryAfterSeconds !== undefined) responseHeaders.set("Retry-After", String(gatewayError.retryAfterSeconds));
  return Response.json(toErrorBody(gatewayError), { status: gatewayError.status, headers: responseHeaders });
}
