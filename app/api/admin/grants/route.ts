import { getSessionUser } from "@/lib/auth/session";
import { requireAdmin } from "@/lib/billing/admin-access";
import { grantCredits } from "@/lib/billing/grant-credits";
import { toJsonSafe } from "@/lib/billing/json-safe";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { grantBodySchema } from "./schema";

export const dynamic = "force-dynamic";

/** An admin grants credits to a user, or takes some back with a negative amount. */
export async function POST(request: Request): Promise<Response> {
  try {
    const admin = requireAdmin(await getSessionUser());
    const body = parseRequest(grantBodySchema, await readJsonBody(request, 16_384));
    const recipient = body.userId !== undefined ? { userId: body.userId } : { email: body.email ?? "" };
    const grant = await grantCredits({ recipient, amountMicros: body.amount, note: body.note, createdById: admin.id });
    return Response.json({ data: toJsonSafe(grant) }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
