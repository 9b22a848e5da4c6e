import { getSessionUser } from "@/lib/auth/session";
import { requireSignedIn } from "@/lib/billing/admin-access";
import { toJsonSafe } from "@/lib/billing/json-safe";
import { redeemCode } from "@/lib/billing/redeem-codes";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { redeemBodySchema } from "./schema";

export const dynamic = "force-dynamic";

/** Adds a redeem code's credits to the signed-in user's balance. */
export async function POST(request: Request): Promise<Response> {
  try {
    const user = requireSignedIn(await getSessionUser());
    const body = parseRequest(redeemBodySchema, await readJsonBody(request, 16_384));
    const redemption = await redeemCode({ userId: user.id, code: body.code });
    return Response.json({ data: toJsonSafe(redemption) });
  } catch (error) {
    return errorResponse(error);
  }
}
