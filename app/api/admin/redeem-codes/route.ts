import { getSessionUser } from "@/lib/auth/session";
import { requireAdmin } from "@/lib/billing/admin-access";
import { toJsonSafe } from "@/lib/billing/json-safe";
import { createRedeemCodes, listRedeemCodes } from "@/lib/billing/redeem-codes";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { createRedeemCodesBodySchema, listRedeemCodesQuerySchema } from "./schema";

export const dynamic = "force-dynamic";

/** Redeem codes, newest first, without their secrets. */
export async function GET(request: Request): Promise<Response> {
  try {
    requireAdmin(await getSessionUser());
    const query = parseRequest(listRedeemCodesQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
    const page = await listRedeemCodes({ limit: query.limit, cursor: query.cursor });
    return Response.json({ data: toJsonSafe(page.codes), nextCursor: page.nextCursor });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Creates a batch of codes; the answer is the only time the codes themselves are shown. */
export async function POST(request: Request): Promise<Response> {
  try {
    const admin = requireAdmin(await getSessionUser());
    const body = parseRequest(createRedeemCodesBodySchema, await readJsonBody(request, 16_384));
    const created = await createRedeemCodes({ ...body, amountMicros: body.amount, createdById: admin.id });
    return Response.json({ data: toJsonSafe(created) }, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
