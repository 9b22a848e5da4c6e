import { getGateway } from "@/lib/server/gateway";
import { getSessionUser } from "@/lib/auth/session";
import { requireAdmin } from "@/lib/billing/admin-access";
import { deleteProviderSetting, listProviderConfigurations, saveProviderSetting } from "@/lib/db/admin-settings-queries";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { updateProviderBodySchema } from "./schema";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ providerId: string }> };

/** Changes the admin's override of one provider; the answer shows the key's mask only. */
export async function PATCH(request: Request, context: Context): Promise<Response> {
  try {
    requireAdmin(await getSessionUser());
    const body = parseRequest(updateProviderBodySchema, await readJsonBody(request, 8192));
    const { providerId } = await context.params;
    await saveProviderSetting({ providerId, ...body });
    // This instance routes with the change at once; the others within SETTINGS_REFRESH_MS.
    await getGateway().catalog.reload();
    return Response.json({ data: await findConfiguration(providerId) }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Drops the override: the environment configures the provider alone again. */
export async function DELETE(_request: Request, context: Context): Promise<Response> {
  try {
    requireAdmin(await getSessionUser());
    const { providerId } = await context.params;
    await deleteProviderSetting({ providerId });
    await getGateway().catalog.reload();
    return Response.json({ data: await findConfiguration(providerId) });
  } catch (error) {
    return errorResponse(error);
  }
}

async function findConfiguration(providerId: string) {
  return (await listProviderConfigurations()).find((provider) => provider.id === providerId) ?? null;
}
