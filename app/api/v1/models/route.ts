import { parseListModelsQuery } from "@/lib/gateway/catalog/list-models-query";
import { listOpenRouterModels } from "@/lib/gateway/catalog/list-openrouter-models";
import { errorResponse } from "@/lib/http/error-response";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { getGateway } from "@/lib/server/gateway";

export const dynamic = "force-dynamic";

/**
 * OpenRouter's `GET /models`: the models configured providers can serve.
 * Public, like OpenRouter's. Query:
 * - `supported_parameters=tools,response_format` keeps models one endpoint of
 *   which takes every parameter listed (OpenRouter's filter).
 * - `all=true` (Switchyard's) also lists the catalog's models no configured
 *   provider serves; each model's `routable` says which kind it is.
 * Any other parameter or value is a 400.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const query = parseListModelsQuery(new URL(request.url).searchParams);
    const endpoints = await getGateway().catalog.listEndpoints();
    return Response.json({ data: listOpenRouterModels(endpoints, query) });
  } catch (error) {
    return errorResponse(error);
  }
}

const refuse = methodNotAllowed("GET");
export { refuse as POST, refuse as PUT, refuse as PATCH, refuse as DELETE };
