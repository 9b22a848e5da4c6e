import { getSessionUser } from "@/lib/auth/session";
import { deleteApiKey, getApiKey, getApiKeyUsage, updateApiKey } from "@/lib/db/api-key-queries";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { readJsonBody } from "@/lib/http/read-json-body";
import { keyErrorResponse } from "@/lib/keys/key-error-response";
import { toApiKeyDetailJson, toApiKeyJson } from "@/lib/keys/to-api-key-json";
import { updateKeyBodySchema } from "./schema";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** One key with what it spent this UTC day, week and month. */
export async function GET(_request: Request, context: Context): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) return keyErrorResponse(null);
    const { id } = await context.params;
    const now = new Date();
    const [key, usage] = await Promise.all([getApiKey({ userId: user.id, id, now }), getApiKeyUsage({ userId: user.id, id, now })]);
    return Response.json({ data: toApiKeyDetailJson(key, usage) });
  } catch (error) {
    return keyErrorResponse(error);
  }
}

export async function PATCH(request: Request, context: Context): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) return keyErrorResponse(null);
    const { id } = await context.params;
    const body = parseRequest(updateKeyBodySchema, await readJsonBody(request, 10_000));
    const changes = { name: body.name, disabled: body.disabled, limitMicros: body.limit, limitReset: body.limitReset };
    return Response.json({ data: toApiKeyJson(await updateApiKey({ userId: user.id, id, changes })) });
  } catch (error) {
    return keyErrorResponse(error);
  }
}

export async function DELETE(_request: Request, context: Context): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) return keyErrorResponse(null);
    const { id } = await context.params;
    await deleteApiKey({ userId: user.id, id });
    return new Response(null, { status: 204 });
  } catch (error) {
    return keyErrorResponse(error);
  }
}
