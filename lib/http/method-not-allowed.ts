import { MethodNotAllowedError } from "../gateway/errors";
import { errorResponse } from "./error-response";

/**
 * A route handler for the methods a route does not serve. Next answers those
 * itself with a 405 and an empty body, which an API client cannot read; this
 * answers in the API's error shape (Anthropic's where `toResponse` says so),
 * with the Allow header a 405 needs.
 */
export function methodNotAllowed(
  allowed: string,
  toResponse: (error: unknown, headers?: HeadersInit) => Response = errorResponse,
): (request: Request) => Response {
  return (request) => toResponse(new MethodNotAllowedError(request.method, allowed), { Allow: allowed });
}
