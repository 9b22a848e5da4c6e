import { AuthenticationError } from "@/lib/gateway/errors";
import { authenticate } from "@/lib/http/authenticate";
import { errorResponse } from "@/lib/http/error-response";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { describeCurrentKey } from "@/lib/keys/describe-current-key";
import { getGateway } from "@/lib/server/gateway";

export const dynamic = "force-dynamic";

/** OpenRouter's `GET /key`: the calling key's limit, what it leaves and what the key spent. */
export async function GET(request: Request): Promise<Response> {
  try {
    const caller = await authenticate(request, getGateway().store);
    // Only a request made with an API key has a current key to describe.
    if (!caller.apiKeyId) throw new AuthenticationError();
    return Response.json({ data: await describeCurrentKey({ userId: caller.userId, apiKeyId: caller.apiKeyId }) });
  } catch (error) {
    return errorResponse(error);
  }
}

const refuse = methodNotAllowed("GET");
export { refuse as POST, refuse as PUT, refuse as PATCH, refuse as DELETE };
