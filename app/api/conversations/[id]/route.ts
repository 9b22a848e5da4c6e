import { getSessionUser } from "@/lib/auth/session";
import { updateConversationBodySchema } from "@/lib/chat/chat-contract";
import { deleteConversation, getConversation, updateConversation } from "@/lib/db/conversation-queries";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { chatErrorResponse } from "@/lib/http/chat-error-response";
import { readJsonBody } from "@/lib/http/read-json-body";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export async function GET(_request: Request, context: Context): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) return chatErrorResponse(null);
    const { id } = await context.params;
    return Response.json({ data: await getConversation({ userId: user.id, id }) });
  } catch (error) {
    return chatErrorResponse(error);
  }
}

export async function PATCH(request: Request, context: Context): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) return chatErrorResponse(null);
    const { id } = await context.params;
    const body = parseRequest(updateConversationBodySchema, await readJsonBody(request, 1_000_000));
    return Response.json({ data: await updateConversation({ userId: user.id, id, body }) });
  } catch (error) {
    return chatErrorResponse(error);
  }
}

export async function DELETE(_request: Request, context: Context): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) return chatErrorResponse(null);
    const { id } = await context.params;
    await deleteConversation({ userId: user.id, id });
    return new Response(null, { status: 204 });
  } catch (error) {
    return chatErrorResponse(error);
  }
}
