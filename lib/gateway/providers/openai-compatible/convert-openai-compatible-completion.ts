import type { ChatCompletion, CompletionChoice, ToolCall } from "../../chat-types";
import type { OpenAICompatibleCompletion } from "./openai-compatible-api";
import type { ChunkDefaults } from "./convert-openai-compatible-chunk";
import { convertOpenAICompatibleUsage } from "./convert-openai-compatible-usage";

type UpstreamChoice = OpenAICompatibleCompletion["choices"][number];
type UpstreamToolCall = NonNullable<UpstreamChoice["message"]["tool_calls"]>[number];

/**
 * A validated upstream completion in the gateway's completion shape, every
 * provider field kept; only what the shape requires and some servers omit is
 * filled in.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */
export function convertOpenAICompatibleCompletion(completion: OpenAICompatibleCompletion, defaults: ChunkDefaults): ChatCompletion {
  const { usage, ...rest } = completion;
  const converted: ChatCompletion = {
    ...rest,
    id: completion.id ?? defaults.id,
    object: "chat.completion",
    created: completion.created ?? defaults.created,
    model: completion.model ?? defaults.model,
    choices: completion.choices.map(convertChoice),
  };
  if (usage) converted.usage = convertOpenAICompatibleUsage(usage);
  else if (usage === null) converted.usage = null;
  return converted;
}

function convertChoice(choice: UpstreamChoice, position: number): CompletionChoice {
  const { tool_calls: toolCalls, ...message } = choice.message;
  const convertedMessage: CompletionChoice["message"] = { ...message, role: "assistant", content: message.content ?? null };
  if (toolCalls) convertedMessage.tool_calls = toolCalls.map(convertToolCall);
  return { ...choice, index: choice.index ?? position, message: convertedMessage, finish_reason: choice.finish_reason ?? null };
}

function convertToolCall(toolCall: UpstreamToolCall): ToolCall {
  // A call without arguments means "no arguments"; "{}" keeps it valid JSON for clients that parse it.
  return { ...toolCall, type: "function", function: { ...toolCall.function, arguments: toolCall.function.arguments ?? "{}" } };
}
