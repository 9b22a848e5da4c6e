import { getSessionUser } from "@/lib/auth/session";
import { listProviderChoices } from "@/lib/db/admin-settings-queries";
import { listUserProviderKeys } from "@/lib/db/provider-key-queries";
import { env } from "@/lib/env";
import { AuthenticationError } from "@/lib/gateway/errors";
import { errorResponse } from "@/lib/http/error-response";

export const dynamic = "force-dynamic";

/** The providers a user can bring a key for, and the keys they have: masks only, never a key. */
export async function GET(): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) throw new AuthenticationError("Sign in to see your provider keys.");
    const providers = listProviderChoices().map(({ id, name }) => ({ id, name }));
    const keys = await listUserProviderKeys({ userId: user.id });
    return Response.json({ data: { providers, keys, feePercent: env.BYOK_FEE_PERCENT } }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
