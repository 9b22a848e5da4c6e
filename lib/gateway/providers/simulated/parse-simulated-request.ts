import { type ChatCompletionRequest, chatCompletionRequestSchema } from "../../schema/chat-completion-request";
import { formatPath } from "../../schema/parse-request";
import type { UpstreamChatRequest } from "../provider";
import { createRejectionError } from "./simulated-error";

/**
 * The gateway has validated the request already, but UpstreamChatRequest's
 * type loses the field types (Omit over a type with an index signature keeps
 * only the signature), and the simulation reads every field. Parsing again
 * costs little here and gives typed data without a cast; a failure is
 * answered as a provider's 400 would be.
 */
export function parseSimulatedRequest(request: UpstreamChatRequest): ChatCompletionRequest {
  const result = chatCompletionRequestSchema.safeParse(request);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = issue ? formatPath(issue.path) : "";
  throw createRejectionError(400, `Invalid request: ${param ? `${param}: ` : ""}${issue?.message ?? "malformed body"}`, param || undefined);
}
