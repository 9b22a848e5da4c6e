import { env } from "@/lib/env";
import { createChatCompletion } from "@/lib/gateway/completion/create-chat-completion";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { authenticate } from "@/lib/http/authenticate";
import { completionResponse } from "@/lib/http/completion-response";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { getGateway } from "@/lib/server/gateway";
import { chatCompletionBodySchema } from "./schema";

export const dynamic = "force-dynamic";

/** OpenAI's `POST /chat/completions`, served through the unified completion layer. */
export async function POST(request: Request): Promise<Response> {
  try {
    const gateway = getGateway();
    const caller = await authenticate(request, gateway.store);
    const body = parseRequest(chatCompletionBodySchema, await readJsonBody(request, env.MAX_REQUEST_BYTES));
    const outcome = await createChatCompletion(gateway.dependencies, { request: body, caller, signal: request.signal });
    return completionResponse(outcome);
  } catch (error) {
    return errorResponse(error);
  }
}
