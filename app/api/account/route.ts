import { getSessionUser } from "@/lib/auth/session";
import type { AccountSummary } from "@/lib/chat/chat-contract";
import { microsToDollars } from "@/lib/gateway/usage/compute-cost";
import { chatErrorResponse } from "@/lib/http/chat-error-response";
import { getPrisma } from "@/lib/db/client";
import { getCreditSummary } from "@/lib/db/credit-ledger";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

/** The signed-in user's account, balance and held credits, for the chatroom header and the credits page. */
export async function GET(): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) return chatErrorResponse(null);
    const { balanceMicros, heldMicros } = await getCreditSummary({ prisma: getPrisma(), userId: user.id });
    const data: AccountSummary = {
      email: user.email,
      name: user.name,
      isAdmin: user.isAdmin,
      balance: microsToDollars(balanceMicros),
      balanceMicros: balanceMicros.toString(),
      heldMicros: heldMicros.toString(),
      paymentsEnabled: Boolean(env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET),
    };
    return Response.json({ data });
  } catch (error) {
    return chatErrorResponse(error);
  }
}
