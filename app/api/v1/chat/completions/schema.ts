// The body schema is the gateway core's own: the chatroom validates with it too.
export { chatCompletionRequestSchema as chatCompletionBodySchema } from "@/lib/gateway/schema/chat-completion-request";
