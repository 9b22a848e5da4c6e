import { getSessionUser } from "@/lib/auth/session";
import { createConversationBodySchema } from "@/lib/chat/chat-contract";
import { createConversation, listConversations } from "@/lib/db/conversation-queries";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { chatErrorResponse } from "@/lib/http/chat-error-response";
import { readJsonBody } from "@/lib/http/read-json-body";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) return chatErrorResponse(null);
    return Response.json({ data: await listConversations({ userId: user.id }) });
  } catch (error) {
    return chatErrorResponse(error);
  }
}

export async function POST(request: Request): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) return chatErrorResponse(null);
    const body = parseRequest(createConversationBodySchema, await readJsonBody(request, 1_000_000));
    return Response.json({ data: await createConversation({ userId: user.id, body }) }, { status: 201 });
  } catch (error) {
    return chatErrorResponse(error);
  }
}
