import { getSessionUser } from "@/lib/auth/session";
import { deleteUserProviderKey, saveUserProviderKey } from "@/lib/db/provider-key-queries";
import { AuthenticationError } from "@/lib/gateway/errors";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { getGateway } from "@/lib/server/gateway";
import { saveProviderKeyBodySchema } from "./schema";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ providerId: string }> };

/** Adds or replaces the user's own key for a provider; the answer holds only its mask. */
export async function PUT(request: Request, context: Context): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) throw new AuthenticationError("Sign in to add a provider key.");
    const { apiKey } = parseRequest(saveProviderKeyBodySchema, await readJsonBody(request, 4096));
    const { providerId } = await context.params;
    const saved = await saveUserProviderKey({ userId: user.id, providerId, apiKey });
    getGateway().forgetOwnKeys(user.id);
    return Response.json({ data: saved });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(_request: Request, context: Context): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) throw new AuthenticationError("Sign in to remove a provider key.");
    const { providerId } = await context.params;
    await deleteUserProviderKey({ userId: user.id, providerId });
    getGateway().forgetOwnKeys(user.id);
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
