import { getSessionUser } from "@/lib/auth/session";
import { getGenerationDetail } from "@/lib/db/generation-log-queries";
import { generationErrorResponse } from "../generation-error-response";
import { toGenerationDetailJson } from "../to-generation-json";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** One of the signed-in user's generations in full, with its prompt and reply if they were logged. */
export async function GET(_request: Request, context: Context): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) return generationErrorResponse(null);
    const { id } = await context.params;
    const detail = await getGenerationDetail({ userId: user.id, id });
    return Response.json({ data: toGenerationDetailJson(detail) }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return generationErrorResponse(error);
  }
}
