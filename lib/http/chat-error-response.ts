import { ConversationNotFoundError } from "../db/conversation-queries";
import { AuthenticationError, NotFoundError } from "../gateway/errors";
import { errorResponse } from "./error-response";

/**
 * Errors of the chatroom's own routes in the API's error shape: no session
 * is a 401 (pass null), someone else's conversation a 404 like a missing one.
 */
export function chatErrorResponse(error: unknown): Response {
  if (error === null) return errorResponse(new AuthenticationError("Sign in to use the chatroom."));
  if (error instanceof ConversationNotFoundError) return errorResponse(new NotFoundError("Conversation not found."));
  return errorResponse(error);
}
