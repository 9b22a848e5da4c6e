import { NotFoundError } from "@/lib/gateway/errors";
import { toOpenRouterGeneration } from "@/lib/gateway/generation/to-openrouter-generation";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { authenticate } from "@/lib/http/authenticate";
import { errorResponse } from "@/lib/http/error-response";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { getGateway } from "@/lib/server/gateway";
import { generationQuerySchema } from "./schema";

export const dynamic = "force-dynamic";

/** OpenRouter's `GET /generation?id=`: the recorded stats of one of the caller's generations. */
export async function GET(request: Request): Promise<Response> {
  try {
    const gateway = getGateway();
    const caller = await authenticate(request, gateway.store);
    const query = parseRequest(generationQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
    const record = await gateway.store.findGeneration({ id: query.id, userId: caller.userId });
    if (!record) throw new NotFoundError(`Generation '${query.id}' not found.`, { param: "id" });
    return Response.json({ data: toOpenRouterGeneration(record) });
  } catch (error) {
    return errorResponse(error);
  }
}

const refuse = methodNotAllowed("GET");
export { refuse as POST, refuse as PUT, refuse as PATCH, refuse as DELETE };
