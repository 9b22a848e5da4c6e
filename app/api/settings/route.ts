import { getSessionUser } from "@/lib/auth/session";
import { getUserSettings, updateUserSettings } from "@/lib/db/user-settings-queries";
import { AuthenticationError } from "@/lib/gateway/errors";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { updateSettingsBodySchema } from "./schema";

export const dynamic = "force-dynamic";

/** The signed-in user's prompt-logging settings. */
export async function GET(): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) throw new AuthenticationError("Sign in to see your settings.");
    return Response.json({ data: await getUserSettings({ userId: user.id }) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Changes the given settings; turning prompt logging off deletes the prompts kept so far. */
export async function PATCH(request: Request): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) throw new AuthenticationError("Sign in to change your settings.");
    const changes = parseRequest(updateSettingsBodySchema, await readJsonBody(request, 4096));
    return Response.json({ data: await updateUserSettings({ userId: user.id, changes }) });
  } catch (error) {
    return errorResponse(error);
  }
}
