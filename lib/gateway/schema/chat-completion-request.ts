import { z } from "zod";

/**
 * The OpenAI chat completion request plus OpenRouter's extensions, as a
 * client may send it. Objects are loose: fields we don't model are kept and
 * passed through to OpenAI-compatible upstreams.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 * @see https://openrouter.ai/docs/api-reference/chat-completion
 */

const textPart = z.looseObject({
  type: z.literal("text"),
  text: z.string(),
  cache_control: z.looseObject({ type: z.string() }).optional(),
});

const imagePart = z.looseObject({
  type: z.literal("image_url"),
  image_url: z.looseObject({
    url: z.string().min(1),
    detail: z.enum(["auto", "low", "high"]).optional(),
  }),
});

const audioPart = z.looseObject({
  type: z.literal("input_audio"),
  input_audio: z.looseObject({ data: z.string(), format: z.string() }),
});

const filePart = z.looseObject({
  type: z.literal("file"),
  file: z.looseObject({
    filename: z.string().optional(),
    file_data: z.string().optional(),
    file_id: z.string().optional(),
  }),
});

const refusalPart = z.looseObject({ type: z.literal("refusal"), refusal: z.string() });

const userContentPart = z.discriminatedUnion("type", [textPart, imagePart, audioPart, filePart]);
const textContent = z.union([z.string(), z.array(textPart)]);

const toolCall = z.looseObject({
  id: z.string(),
  type: z.literal("function"),
  function: z.looseObject({ name: z.string(), arguments: z.string() }),
});

const systemMessage = z.looseObject({
  role: z.literal("system"),
  content: textContent,
  name: z.string().optional(),
});

const developerMessage = z.looseObject({
  role: z.literal("developer"),
  content: textContent,
  name: z.string().optional(),
});

const userMessage = z.looseObject({
  role: z.literal("user"),
  content: z.union([z.string(), z.array(userContentPart).min(1)]),
  name: z.string().optional(),
});

const assistantMessage = z
  .looseObject({
    role: z.literal("assistant"),
    content: z.union([z.string(), z.array(z.discriminatedUnion("type", [textPart, refusalPart])), z.null()]).optional(),
    name: z.string().optional(),
    tool_calls: z.array(toolCall).optional(),
    refusal: z.string().nullish(),
    reasoning: z.string().nullish(),
  })
  .refine((message) => message.content != null || (message.tool_calls?.length ?? 0) > 0, {
    message: "An assistant message needs content or tool_calls.",
    path: ["content"],
  });

const toolMessage = z.looseObject({
  role: z.literal("tool"),
  content: textContent,
  tool_call_id: z.string().min(1),
});

const functionMessage = z.looseObject({
  role: z.literal("function"),
  content: z.string().nullable(),
  name: z.string(),
});

export const chatMessageSchema = z.discriminatedUnion("role", [
  systemMessage,
  developerMessage,
  userMessage,
  assistantMessage,
  toolMessage,
  functionMessage,
]);

const functionTool = z.looseObject({
  type: z.literal("function"),
  function: z.looseObject({
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "Function names are 1-64 letters, digits, '_' or '-'."),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

const toolChoice = z.union([
  z.enum(["none", "auto", "required"]),
  z.looseObject({ type: z.literal("function"), function: z.looseObject({ name: z.string() }) }),
]);

const responseFormat = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("text") }),
  z.looseObject({ type: z.literal("json_object") }),
  z.looseObject({
    type: z.literal("json_schema"),
    json_schema: z.looseObject({
      name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "Schema names are 1-64 letters, digits, '_' or '-'."),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

const providerPreferences = z.looseObject({
  order: z.array(z.string()).optional(),
  only: z.array(z.string()).optional(),
  ignore: z.array(z.string()).optional(),
  allow_fallbacks: z.boolean().optional(),
  require_parameters: z.boolean().optional(),
  data_collection: z.enum(["allow", "deny"]).optional(),
  sort: z.enum(["price", "throughput", "latency"]).optional(),
  max_price: z.looseObject({}).optional(),
});

const reasoning = z.looseObject({
  effort: z.enum(["minimal", "low", "medium", "high"]).optional(),
  max_tokens: z.number().int().positive().optional(),
  exclude: z.boolean().optional(),
  enabled: z.boolean().optional(),
});

const modelId = z.string().min(1, "model must not be empty.").max(256);

export const chatCompletionRequestSchema = z
  .looseObject({
    model: modelId,
    messages: z.array(chatMessageSchema).min(1, "messages must hold at least one message."),
    tools: z.array(functionTool).optional(),
    tool_choice: toolChoice.optional(),
    parallel_tool_calls: z.boolean().optional(),
    response_format: responseFormat.optional(),
    stream: z.boolean().optional(),
    stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
    temperature: z.number().min(0).max(2).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    top_k: z.number().int().min(0).nullish(),
    max_tokens: z.number().int().positive().nullish(),
    max_completion_tokens: z.number().int().positive().nullish(),
    stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
    seed: z.number().int().nullish(),
    frequency_penalty: z.number().min(-2).max(2).nullish(),
    presence_penalty: z.number().min(-2).max(2).nullish(),
    repetition_penalty: z.number().min(0).max(2).nullish(),
    logit_bias: z.record(z.string(), z.number().min(-100).max(100)).nullish(),
    logprobs: z.boolean().nullish(),
    top_logprobs: z.number().int().min(0).max(20).nullish(),
    n: z.literal(1, { message: "Only n=1 is supported." }).nullish(),
    user: z.string().max(512).optional(),
    // OpenRouter's extensions.
    models: z.array(modelId).max(16).optional(),
    provider: providerPreferences.optional(),
    reasoning: reasoning.optional(),
    usage: z.looseObject({ include: z.boolean().optional() }).optional(),
    transforms: z.array(z.string()).optional(),
    route: z.string().optional(),
  })
  .refine((request) => request.top_logprobs == null || request.logprobs === true, {
    message: "top_logprobs requires logprobs: true.",
    path: ["top_logprobs"],
  })
  .refine((request) => request.tool_choice === undefined || request.tool_choice === "none" || (request.tools?.length ?? 0) > 0, {
    message: "tool_choice needs tools.",
    path: ["tool_choice"],
  });

export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;
export type ChatMessage = z.infer<typeof chatMessageSchema>;
