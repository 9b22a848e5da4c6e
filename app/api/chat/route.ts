import { createUIMessageStreamResponse } from "ai";
import { getSessionUser } from "@/lib/auth/session";
import { chatRequestBodySchema } from "@/lib/chat/chat-contract";
import { startChatReply } from "@/lib/chat/start-chat-reply";
import { env } from "@/lib/env";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { chatErrorResponse } from "@/lib/http/chat-error-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { getGateway } from "@/lib/server/gateway";

export const dynamic = "force-dynamic";

/** One column's reply in the chatroom, streamed as AI SDK UI message chunks. */
export async function POST(request: Request): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) return chatErrorResponse(null);
    const body = parseRequest(chatRequestBodySchema, await readJsonBody(request, env.MAX_REQUEST_BYTES));
    const stream = await startChatReply({ gateway: getGateway(), userId: user.id, body, signal: request.signal });
    return createUIMessageStreamResponse({ stream });
  } catch (error) {
    return chatErrorResponse(error);
  }
}
