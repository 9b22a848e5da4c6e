import { getSessionUser } from "@/lib/auth/session";
import { createApiKey, listApiKeys } from "@/lib/db/api-key-queries";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { readJsonBody } from "@/lib/http/read-json-body";
import { keyErrorResponse } from "@/lib/keys/key-error-response";
import { toApiKeyJson } from "@/lib/keys/to-api-key-json";
import { createKeyBodySchema } from "./schema";

export const dynamic = "force-dynamic";

/** The signed-in user's API keys, newest first; never a hash or a secret. */
export async function GET(): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) return keyErrorResponse(null);
    const keys = await listApiKeys({ userId: user.id });
    return Response.json({ data: keys.map(toApiKeyJson) });
  } catch (error) {
    return keyErrorResponse(error);
  }
}

/** Creates a key; the response is the only time its secret is shown. */
export async function POST(request: Request): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) return keyErrorResponse(null);
    const body = parseRequest(createKeyBodySchema, await readJsonBody(request, 10_000));
    const created = await createApiKey({ userId: user.id, name: body.name, limitMicros: body.limit, limitReset: body.limitReset });
    return Response.json({ data: toApiKeyJson(created.key), key: created.secret }, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return keyErrorResponse(error);
  }
}
