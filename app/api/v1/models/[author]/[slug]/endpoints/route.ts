import { toOpenRouterEndpoints } from "@/lib/gateway/catalog/to-openrouter-endpoints";
import { UnknownModelError } from "@/lib/gateway/errors";
import { errorResponse } from "@/lib/http/error-response";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { getGateway } from "@/lib/server/gateway";

export const dynamic = "force-dynamic";

/** OpenRouter's `GET /models/{author}/{slug}/endpoints`: a model's providers with prices, limits and observed health. Public. */
export async function GET(_request: Request, context: { params: Promise<{ author: string; slug: string }> }): Promise<Response> {
  try {
    // Next passes the segments decoded already; decoding again took `%25` to `%`, which threw (a 500).
    const { author, slug } = await context.params;
    const modelId = `${author}/${slug}`;
    const gateway = getGateway();
    const data = toOpenRouterEndpoints(await gateway.catalog.findEndpoints(modelId), gateway.health);
    if (!data) throw new UnknownModelError(modelId);
    return Response.json({ data });
  } catch (error) {
    return errorResponse(error);
  }
}

const refuse = methodNotAllowed("GET");
export { refuse as POST, refuse as PUT, refuse as PATCH, refuse as DELETE };
