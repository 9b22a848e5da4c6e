import { z } from "zod";

/**
 * What OpenAI-compatible upstreams return, as little as the gateway relies
 * on. Objects are loose so every field a provider adds (system_fingerprint,
 * x_groq, service_tier, annotations, ...) reaches the client; `.nullish()`
 * marks what some providers omit or send as null.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */

const usageSchema = z.looseObject({
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  total_tokens: z.number().nullish(),
  prompt_tokens_details: z
    .looseObject({ cached_tokens: z.number().nullish(), cache_write_tokens: z.number().nullish() })
    .nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
});

const toolCallSchema = z.looseObject({
  id: z.string(),
  type: z.string().nullish(),
  function: z.looseObject({ name: z.string(), arguments: z.string().nullish() }),
});

const completionChoiceSchema = z.looseObject({
  index: z.number().nullish(),
  message: z.looseObject({
    role: z.string().nullish(),
    content: z.string().nullish(),
    reasoning: z.string().nullish(),
    refusal: z.string().nullish(),
    tool_calls: z.array(toolCallSchema).nullish(),
  }),
  finish_reason: z.string().nullish(),
});

export const openAICompatibleCompletionSchema = z.looseObject({
  id: z.string().nullish(),
  created: z.number().nullish(),
  model: z.string().nullish(),
  choices: z.array(completionChoiceSchema),
  usage: usageSchema.nullish(),
});

const toolCallDeltaSchema = z.looseObject({
  index: z.number().nullish(),
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});

const chunkChoiceSchema = z.looseObject({
  index: z.number().nullish(),
  delta: z
    .looseObject({
      role: z.string().nullish(),
      content: z.string().nullish(),
      reasoning: z.string().nullish(),
      tool_calls: z.array(toolCallDeltaSchema).nullish(),
    })
    .nullish(),
  finish_reason: z.string().nullish(),
});

export const openAICompatibleChunkSchema = z.looseObject({
  id: z.string().nullish(),
  created: z.number().nullish(),
  model: z.string().nullish(),
  choices: z.array(chunkChoiceSchema),
  usage: usageSchema.nullish(),
});

/**
 * OpenAI's `{ error: { message, type, code } }`. Providers vary: OpenRouter's
 * code is the HTTP status as a number, some send `error` as a bare string.
 * @see https://platform.openai.com/docs/guides/error-codes
 * @see https://openrouter.ai/docs/api-reference/errors
 */
export const openAICompatibleErrorObjectSchema = z.looseObject({
  message: z.string().nullish(),
  type: z.string().nullish(),
  code: z.union([z.string(), z.number()]).nullish(),
});

/**
 * Error bodies as the many compatible servers send them, in one loose shape:
 * OpenAI's `{ error: {...} }` (or `error` as a bare string), vLLM's
 * `{ object: "error", message }`, FastAPI's `{ detail }`.
 */
export const openAICompatibleErrorBodySchema = z.looseObject({
  error: z.union([openAICompatibleErrorObjectSchema, z.string()]).nullish(),
  message: z.string().nullish(),
  detail: z.string().nullish(),
});

export type OpenAICompatibleCompletion = z.infer<typeof openAICompatibleCompletionSchema>;
export type OpenAICompatibleChunk = z.infer<typeof openAICompatibleChunkSchema>;
export type OpenAICompatibleErrorBody = z.infer<typeof openAICompatibleErrorBodySchema>;
