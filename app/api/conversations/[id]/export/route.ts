import { getSessionUser } from "@/lib/auth/session";
import { exportConversationAsJson, exportConversationAsMarkdown } from "@/lib/chat/export-conversation";
import { getConversation } from "@/lib/db/conversation-queries";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { chatErrorResponse } from "@/lib/http/chat-error-response";
import { exportQuerySchema } from "./schema";

export const dynamic = "force-dynamic";

/** Downloads a conversation as Markdown or JSON. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) return chatErrorResponse(null);
    const { id } = await context.params;
    const { format } = parseRequest(exportQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
    const conversation = await getConversation({ userId: user.id, id });
    const markdown = format === "markdown";
    const body = markdown ? exportConversationAsMarkdown(conversation) : exportConversationAsJson(conversation);
    const filename = `${conversation.title.replace(/[^a-zA-Z0-9 _-]/g, "").trim().slice(0, 60) || "conversation"}.${markdown ? "md" : "json"}`;
    return new Response(body, {
      headers: {
        "Content-Type": markdown ? "text/markdown; charset=utf-8" : "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
      },
    });
  } catch (error) {
    return chatErrorResponse(error);
  }
}
