import { microsToDollars } from "@/lib/gateway/usage/compute-cost";
import { authenticate } from "@/lib/http/authenticate";
import { errorResponse } from "@/lib/http/error-response";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { getCreditTotals } from "@/lib/db/credit-ledger";
import { getGateway } from "@/lib/server/gateway";

export const dynamic = "force-dynamic";

/** OpenRouter's `GET /credits`: the account's lifetime credits and usage, in dollars. */
export async function GET(request: Request): Promise<Response> {
  try {
    const caller = await authenticate(request, getGateway().store);
    const totals = await getCreditTotals({ userId: caller.userId });
    return Response.json({ data: { total_credits: microsToDollars(totals.totalCreditsMicros), total_usage: microsToDollars(totals.totalUsageMicros) } });
  } catch (error) {
    return errorResponse(error);
  }
}

const refuse = methodNotAllowed("GET");
export { refuse as POST, refuse as PUT, refuse as PATCH, refuse as DELETE };
