import { getSessionUser } from "@/lib/auth/session";
import { listGenerationFilterOptions } from "@/lib/db/generation-log-queries";
import { generationErrorResponse } from "../generation-error-response";

export const dynamic = "force-dynamic";

/** What the log can be filtered by: the user's models, providers and keys. */
export async function GET(): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) return generationErrorResponse(null);
    return Response.json({ data: await listGenerationFilterOptions({ userId: user.id }) }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return generationErrorResponse(error);
  }
}
