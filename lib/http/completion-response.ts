import type { ChatCompletionOutcome } from "../gateway/completion/create-chat-completion";

const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  // Tells nginx-style proxies not to buffer the stream.
  "X-Accel-Buffering": "no",
};

export function completionResponse(outcome: ChatCompletionOutcome): Response {
  if (outcome.type === "stream") {
    return new Response(outcome.stream, { headers: { ...SSE_HEADERS, "X-Generation-Id": outcome.generationId } });
  }
  return Response.json(outcome.body, { headers: { "X-Generation-Id": outcome.generationId } });
}
