import { getSessionUser } from "@/lib/auth/session";
import { requireAdmin } from "@/lib/billing/admin-access";
import { toJsonSafe } from "@/lib/billing/json-safe";
import { disableRedeemCode } from "@/lib/billing/redeem-codes";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { updateRedeemCodeBodySchema } from "./schema";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** Disables a redeem code (`{ "disabled": true }`); credits it already added stay. */
export async function PATCH(request: Request, context: Context): Promise<Response> {
  try {
    requireAdmin(await getSessionUser());
    parseRequest(updateRedeemCodeBodySchema, await readJsonBody(request, 16_384));
    const { id } = await context.params;
    return Response.json({ data: toJsonSafe(await disableRedeemCode({ id })) });
  } catch (error) {
    return errorResponse(error);
  }
}
