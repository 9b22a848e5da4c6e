import { toOpenRouterModels } from "@/lib/gateway/catalog/to-openrouter-models";
import { errorResponse } from "@/lib/http/error-response";
import { getGateway } from "@/lib/server/gateway";

export const dynamic = "force-dynamic";

/** OpenRouter's `GET /models`: the models configured providers can serve. Public, like OpenRouter's. */
export async function GET(): Promise<Response> {
  try {
    const endpoints = await getGateway().catalog.listEndpoints();
    return Response.json({ data: toOpenRouterModels(endpoints) });
  } catch (error) {
    return errorResponse(error);
  }
}
