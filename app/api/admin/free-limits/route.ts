import { getSessionUser } from "@/lib/auth/session";
import { requireAdmin } from "@/lib/billing/admin-access";
import { loadFreeLimitSettings, resetFreeLimitSettings, saveFreeLimitSettings } from "@/lib/db/admin-settings-queries";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { saveFreeLimitsBodySchema } from "./schema";

export const dynamic = "force-dynamic";

/** The free-model limits in force, where they come from, and the environment's defaults. */
export async function GET(): Promise<Response> {
  try {
    requireAdmin(await getSessionUser());
    return Response.json({ data: await loadFreeLimitSettings() });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function PUT(request: Request): Promise<Response> {
  try {
    requireAdmin(await getSessionUser());
    const limits = parseRequest(saveFreeLimitsBodySchema, await readJsonBody(request, 4096));
    return Response.json({ data: await saveFreeLimitSettings({ limits }) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Back to the environment's FREE_REQUESTS_* limits. */
export async function DELETE(): Promise<Response> {
  try {
    requireAdmin(await getSessionUser());
    return Response.json({ data: await resetFreeLimitSettings() });
  } catch (error) {
    return errorResponse(error);
  }
}
