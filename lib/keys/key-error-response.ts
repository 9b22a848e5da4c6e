import { ApiKeyNotFoundError } from "../db/api-key-queries";
import { AuthenticationError, NotFoundError } from "../gateway/errors";
import { errorResponse } from "../http/error-response";

/**
 * Errors of the key dashboard's routes in the API's error shape: no session
 * is a 401 (pass null), someone else's key a 404 like a missing one.
 */
export function keyErrorResponse(error: unknown): Response {
  if (error === null) return errorResponse(new AuthenticationError("Sign in to manage API keys."));
  if (error instanceof ApiKeyNotFoundError) return errorResponse(new NotFoundError("API key not found.", { param: "id" }));
  return errorResponse(error);
}
