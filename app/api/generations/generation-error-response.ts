import { GenerationNotFoundError } from "@/lib/db/generation-log-queries";
import { AuthenticationError, NotFoundError } from "@/lib/gateway/errors";
import { errorResponse } from "@/lib/http/error-response";

/** No session is a 401 (pass null); someone else's generation is a 404 like a missing one. */
export function generationErrorResponse(error: unknown): Response {
  if (error === null) return errorResponse(new AuthenticationError("Sign in to see your logs."));
  if (error instanceof GenerationNotFoundError) return errorResponse(new NotFoundError("Generation not found.", { param: "id" }));
  return errorResponse(error);
}
