import { getSessionUser } from "@/lib/auth/session";
import { requireAdmin } from "@/lib/billing/admin-access";
import { listProviderConfigurations } from "@/lib/db/admin-settings-queries";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/http/error-response";

export const dynamic = "force-dynamic";

/** Every provider: configured by the environment or not, and the admin's override (a key's mask, never the key). */
export async function GET(): Promise<Response> {
  try {
    requireAdmin(await getSessionUser());
    const providers = await listProviderConfigurations();
    return Response.json({ data: providers, allowPrivateUrls: env.ALLOW_PRIVATE_PROVIDER_URLS }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
