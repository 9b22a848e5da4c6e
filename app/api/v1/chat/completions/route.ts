import { env } from "@/lib/env";
import { createChatCompletion } from "@/lib/gateway/completion/create-chat-completion";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { jsonReply, replyFromResponse, streamReply, type ApiRequest, type ApiReply } from "@/lib/http/api-route";
import { authenticate } from "@/lib/http/authenticate";
import { errorResponse } from "@/lib/http/error-response";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { apiRoute } from "@/lib/http/node-routes";
import { parseJsonBody } from "@/lib/http/read-json-body";
import { getGateway } from "@/lib/server/gateway";
import { chatCompletionBodySchema } from "./schema";

export const dynamic = "force-dynamic";

/** OpenAI's `POST /chat/completions`, served through the unified completion layer. */
async function chatCompletions(request: ApiRequest): Promise<ApiReply> {
  try {
    const gateway = getGateway();
    const caller = await authenticate(request, gateway.store);
    request.timing.measure("auth");
    const body = parseRequest(chatCompletionBodySchema, parseJsonBody(await request.bytes(env.MAX_REQUEST_BYTES)));
    const outcome = await createChatCompletion(gateway.dependencies, { request: body, caller, signal: request.signal, timing: request.timing });
    const headers = { "X-Generation-Id": outcome.generationId };
    return outcome.type === "stream" ? streamReply(outcome.stream, headers) : jsonReply(outcome.body, headers);
  } catch (error) {
    return replyFromResponse(errorResponse(error));
  }
}

export const POST = apiRoute("POST", "/api/v1/chat/completions", chatCompletions);

const refuse = methodNotAllowed("POST");
export { refuse as GET, refuse as PUT, refuse as PATCH, refuse as DELETE };
