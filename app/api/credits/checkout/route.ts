import { getSessionUser } from "@/lib/auth/session";
import { requireSignedIn } from "@/lib/billing/admin-access";
import { createCheckoutSession } from "@/lib/billing/stripe-checkout";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { checkoutBodySchema } from "./schema";

export const dynamic = "force-dynamic";

/**
 * Starts a Stripe Checkout for credits and answers with the page to send the
 * user to; the credits arrive through the webhook. 501 when Stripe is not set up.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const user = requireSignedIn(await getSessionUser());
    const body = parseRequest(checkoutBodySchema, await readJsonBody(request, 16_384));
    const session = await createCheckoutSession({ user, amountMicros: body.amount, origin: new URL(request.url).origin });
    return Response.json({ data: session }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
