import { env } from "@/lib/env";
import { anthropicErrorResponse } from "@/lib/gateway/inbound/anthropic/anthropic-error-response";
import { createMessage } from "@/lib/gateway/inbound/anthropic/create-message";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { jsonReply, replyFromResponse, streamReply, type ApiRequest, type ApiReply } from "@/lib/http/api-route";
import { authenticate } from "@/lib/http/authenticate";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { apiRoute } from "@/lib/http/node-routes";
import { parseJsonBody } from "@/lib/http/read-json-body";
import { getGateway } from "@/lib/server/gateway";
import { messagesBodySchema } from "./schema";

export const dynamic = "force-dynamic";

/** Anthropic's `POST /v1/messages` in front of every model in the catalog. */
async function messages(request: ApiRequest): Promise<ApiReply> {
  try {
    const gateway = getGateway();
    const caller = await authenticate(request, gateway.store);
    request.timing.measure("auth");
    const body = parseRequest(messagesBodySchema, parseJsonBody(await request.bytes(env.MAX_REQUEST_BYTES)));
    const outcome = await createMessage(gateway.dependencies, { request: body, caller, signal: request.signal, timing: request.timing });
    const headers = { "X-Generation-Id": outcome.generationId };
    return outcome.type === "stream" ? streamReply(outcome.stream, headers) : jsonReply(outcome.body, headers);
  } catch (error) {
    return replyFromResponse(anthropicErrorResponse(error));
  }
}

export const POST = apiRoute("POST", "/api/v1/messages", messages);

const refuse = methodNotAllowed("POST", anthropicErrorResponse);
export { refuse as GET, refuse as PUT, refuse as PATCH, refuse as DELETE };
