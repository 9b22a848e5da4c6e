import { NotFoundError } from "@/lib/gateway/errors";
import { errorResponse } from "@/lib/http/error-response";

export const dynamic = "force-dynamic";

/**
 * Unknown API paths answer in OpenAI's error shape, not with an HTML page:
 * every path under /api/, since a path under /api/v1/ can resolve outside
 * it (`/api/v1/%2E%2E/x` is /api/x once Next has normalised it).
 */
function notFound(request: Request): Response {
  const path = new URL(request.url).pathname;
  return errorResponse(new NotFoundError(`No route for ${request.method} ${path}.`));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
