import { z } from "zod";

/**
 * What Anthropic's Messages API returns, as little as the adapter relies on.
 * Content blocks and deltas are one loose shape each rather than a union:
 * Anthropic adds block types (server_tool_use, web_search_tool_result,
 * citations_delta, ...) that the adapter skips, and those must not fail
 * parsing.
 * @see https://docs.claude.com/en/api/messages
 * @see https://docs.claude.com/en/docs/build-with-claude/streaming
 */

export const anthropicUsageSchema = z.looseObject({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  cache_read_input_tokens: z.number().nullish(),
  cache_creation_input_tokens: z.number().nullish(),
});

const contentBlockSchema = z.looseObject({
  type: z.string(),
  text: z.string().nullish(),
  thinking: z.string().nullish(),
  /** A thinking block's proof that Claude wrote it, needed to send it back. */
  signature: z.string().nullish(),
  /** A redacted_thinking block's encrypted thinking. */
  data: z.string().nullish(),
  id: z.string().nullish(),
  name: z.string().nullish(),
  input: z.unknown().optional(),
});

export const anthropicMessageSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  content: z.array(contentBlockSchema),
  stop_reason: z.string().nullish(),
  usage: anthropicUsageSchema.nullish(),
});

/** The `error` object of an HTTP error body and of an in-stream `error` event. */
export const anthropicErrorObjectSchema = z.looseObject({
  type: z.string().nullish(),
  message: z.string().nullish(),
});

/** `{ "type": "error", "error": { "type": "overloaded_error", "message": "Overloaded" } }` */
export const anthropicErrorBodySchema = z.looseObject({
  type: z.string().nullish(),
  error: anthropicErrorObjectSchema.nullish(),
});

const deltaSchema = z.looseObject({
  type: z.string(),
  text: z.string().nullish(),
  thinking: z.string().nullish(),
  partial_json: z.string().nullish(),
  signature: z.string().nullish(),
});

export const anthropicStreamEventSchema = z.discriminatedUnion("type", [
  z.looseObject({
    type: z.literal("message_start"),
    message: z.looseObject({ id: z.string().nullish(), model: z.string().nullish(), usage: anthropicUsageSchema.nullish() }),
  }),
  z.looseObject({ type: z.literal("content_block_start"), index: z.number(), content_block: contentBlockSchema }),
  z.looseObject({ type: z.literal("content_block_delta"), index: z.number(), delta: deltaSchema }),
  z.looseObject({ type: z.literal("content_block_stop"), index: z.number() }),
  z.looseObject({
    type: z.literal("message_delta"),
    delta: z.looseObject({ stop_reason: z.string().nullish() }),
    usage: anthropicUsageSchema.nullish(),
  }),
  z.looseObject({ type: z.literal("message_stop") }),
  z.looseObject({ type: z.literal("ping") }),
  z.looseObject({ type: z.literal("error"), error: anthropicErrorObjectSchema }),
]);

/** Event types this adapter understands; others are skipped, as Anthropic asks clients to do. */
export const knownAnthropicStreamEventTypes: ReadonlySet<string> = new Set([
  "message_start",
  "content_block_start",
  "content_block_delta",
  "content_block_stop",
  "message_delta",
  "message_stop",
  "ping",
  "error",
]);

export type AnthropicUsage = z.infer<typeof anthropicUsageSchema>;
export type AnthropicMessage = z.infer<typeof anthropicMessageSchema>;
export type AnthropicStreamEvent = z.infer<typeof anthropicStreamEventSchema>;
export type AnthropicErrorObject = z.infer<typeof anthropicErrorObjectSchema>;
