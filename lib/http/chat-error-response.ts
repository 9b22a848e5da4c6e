import { ConversationNotFoundError, MessageIdTakenError } from "../db/conversation-queries";
import { AuthenticationError, InvalidRequestError, NotFoundError } from "../gateway/errors";
import { errorResponse } from "./error-response";

/**
 * Errors of the chatroom's own routes in the API's error shape: no session
 * is a 401 (pass null), someone else's conversation a 404 like a missing one,
 * and a message id that is already another message's a 400 (it says nothing
 * of where that message is).
 */
export function chatErrorResponse(error: unknown): Response {
  if (error === null) return errorResponse(new AuthenticationError("Sign in to use the chatroom."));
  if (error instanceof ConversationNotFoundError) return errorResponse(new NotFoundError("Conversation not found."));
  if (error instanceof MessageIdTakenError) return errorResponse(new InvalidRequestError(error.message, { param: "messages", code: "message_id_taken" }));
  return errorResponse(error);
}
