import { env } from "@/lib/env";
import { anthropicErrorResponse } from "@/lib/gateway/inbound/anthropic/anthropic-error-response";
import { createMessage } from "@/lib/gateway/inbound/anthropic/create-message";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { authenticate } from "@/lib/http/authenticate";
import { readJsonBody } from "@/lib/http/read-json-body";
import { getGateway } from "@/lib/server/gateway";
import { messagesBodySchema } from "./schema";

export const dynamic = "force-dynamic";

const SSE_HEADERS = { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no" };

/** Anthropic's `POST /v1/messages` in front of every model in the catalog. */
export async function POST(request: Request): Promise<Response> {
  try {
    const gateway = getGateway();
    const caller = await authenticate(request, gateway.store);
    const body = parseRequest(messagesBodySchema, await readJsonBody(request, env.MAX_REQUEST_BYTES));
    const outcome = await createMessage(gateway.dependencies, { request: body, caller, signal: request.signal });
    const headers = { "X-Generation-Id": outcome.generationId };
    if (outcome.type === "stream") return new Response(outcome.stream, { headers: { ...SSE_HEADERS, ...headers } });
    return Response.json(outcome.body, { headers });
  } catch (error) {
    return anthropicErrorResponse(error);
  }
}
