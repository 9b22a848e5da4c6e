import { getSessionUser } from "@/lib/auth/session";
import type { AccountSummary } from "@/lib/chat/chat-contract";
import { microsToDollars } from "@/lib/gateway/usage/compute-cost";
import { chatErrorResponse } from "@/lib/http/chat-error-response";
import { getGateway } from "@/lib/server/gateway";

export const dynamic = "force-dynamic";

/** The signed-in user's account and balance, for the chatroom header. */
export async function GET(): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) return chatErrorResponse(null);
    const balanceMicros = await getGateway().store.getBalanceMicros(user.id);
    const data: AccountSummary = {
      email: user.email,
      name: user.name,
      isAdmin: user.isAdmin,
      balance: microsToDollars(balanceMicros),
      balanceMicros: balanceMicros.toString(),
    };
    return Response.json({ data });
  } catch (error) {
    return chatErrorResponse(error);
  }
}
