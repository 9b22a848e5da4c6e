import { readTextBody } from "@/lib/billing/read-text-body";
import { handleStripeWebhook } from "@/lib/billing/stripe-webhook";
import { errorResponse } from "@/lib/http/error-response";

export const dynamic = "force-dynamic";

// Stripe's events are a few kilobytes; this is generous.
const MAX_EVENT_BYTES = 1_000_000;

/**
 * Stripe's webhook: no session, the signature is the authentication. The
 * body is read as raw text because the signature covers the exact bytes.
 * 400 on a bad signature; 200 for everything applied or deliberately ignored,
 * so Stripe stops resending; a 500 makes Stripe retry later.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const rawBody = await readTextBody(request, MAX_EVENT_BYTES);
    const result = await handleStripeWebhook({ rawBody, signatureHeader: request.headers.get("stripe-signature") });
    return Response.json({ received: true, outcome: result.outcome });
  } catch (error) {
    return errorResponse(error);
  }
}
