// Anthropic's Messages request, as the gateway's inbound Anthropic layer defines it.
export { anthropicMessagesRequestSchema as messagesBodySchema } from "@/lib/gateway/inbound/anthropic/anthropic-messages-request";
