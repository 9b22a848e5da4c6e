import { getSessionUser } from "@/lib/auth/session";
import { listGenerations } from "@/lib/db/generation-log-queries";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { generationErrorResponse } from "./generation-error-response";
import { listGenerationsQuerySchema } from "./schema";
import { toGenerationRowJson } from "./to-generation-json";

export const dynamic = "force-dynamic";

/** The signed-in user's generations, newest first; `next_cursor` fetches the page after. */
export async function GET(request: Request): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) return generationErrorResponse(null);
    const query = parseRequest(listGenerationsQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
    const page = await listGenerations({
      userId: user.id,
      filters: { model: query.model, providerId: query.provider, apiKeyId: query.key, status: query.status, from: query.from, to: query.to },
      cursor: query.cursor,
      limit: query.limit,
    });
    return Response.json({ data: page.items.map(toGenerationRowJson), next_cursor: page.nextCursor }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return generationErrorResponse(error);
  }
}
