import { getSessionUser } from "@/lib/auth/session";
import { requireSignedIn } from "@/lib/billing/admin-access";
import { getLedgerPage } from "@/lib/billing/ledger-page";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { errorResponse } from "@/lib/http/error-response";
import { ledgerQuerySchema } from "./schema";

export const dynamic = "force-dynamic";

/** The signed-in user's balance and ledger, newest first, a page at a time. */
export async function GET(request: Request): Promise<Response> {
  try {
    const user = requireSignedIn(await getSessionUser());
    const query = parseRequest(ledgerQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
    const page = await getLedgerPage({ userId: user.id, limit: query.limit, cursor: query.cursor });
    return Response.json({ data: page.entries, balanceMicros: page.balanceMicros, nextCursor: page.nextCursor });
  } catch (error) {
    return errorResponse(error);
  }
}
