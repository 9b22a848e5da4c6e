import type { ChatCompletionChunk, ChunkChoice, ToolCallDelta } from "../../chat-types";
import type { OpenAICompatibleChunk } from "./openai-compatible-api";
import { convertOpenAICompatibleUsage } from "./convert-openai-compatible-usage";

/** Values for the envelope fields an upstream left out, fixed once per stream. */
export interface ChunkDefaults {
  id: string;
  created: number;
  model: string;
}

type UpstreamChoice = OpenAICompatibleChunk["choices"][number];
type UpstreamToolCallDelta = NonNullable<NonNullable<UpstreamChoice["delta"]>["tool_calls"]>[number];

/**
 * A validated upstream chunk in the gateway's chunk shape. Every field the
 * provider sent is kept; only what the shape requires and some servers omit
 * (id, created, a choice's index or delta) is filled in. This runs once per
 * chunk, so it copies shallowly and touches tool calls only when present.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
export function convertOpenAICompatibleChunk(chunk: OpenAICompatibleChunk, defaults: ChunkDefaults): ChatCompletionChunk {
  const { usage, ...rest } = chunk;
  const converted: ChatCompletionChunk = {
    ...rest,
    id: chunk.id ?? defaults.id,
    object: "chat.completion.chunk",
    created: chunk.created ?? defaults.created,
    model: chunk.model ?? defaults.model,
    choices: chunk.choices.map(convertChoice),
  };
  if (usage) converted.usage = convertOpenAICompatibleUsage(usage);
  else if (usage === null) converted.usage = null;
  return converted;
}

function convertChoice(choice: UpstreamChoice, position: number): ChunkChoice {
  let convertedDelta: ChunkChoice["delta"] = {};
  if (choice.delta) {
    const { tool_calls: toolCalls, ...delta } = choice.delta;
    convertedDelta = delta;
    if (toolCalls) convertedDelta.tool_calls = toolCalls.map(convertToolCallDelta);
    else if (toolCalls === null) convertedDelta.tool_calls = null;
  }
  return { ...choice, index: choice.index ?? position, delta: convertedDelta, finish_reason: choice.finish_reason ?? null };
}

function convertToolCallDelta(toolCall: UpstreamToolCallDelta, position: number): ToolCallDelta {
  // Some servers omit the index when a chunk carries one call per position.
  return { ...toolCall, index: toolCall.index ?? position, type: toolCall.type == null ? toolCall.type : "function" };
}

/**
 * Whether convertOpenAICompatibleChunk would only copy this chunk: it has
 * every envelope field, every choice its index, delta and finish_reason, every
 * tool call its index and a function type. Such a chunk's text can go to the
 * client as it came (see markRawChunk).
 */
export function isCompleteOpenAIChunk(chunk: OpenAICompatibleChunk): boolean {
  if (chunk.id == null || chunk.created == null || chunk.model == null || chunk.object !== "chat.completion.chunk" || chunk.usage) return false;
  for (const choice of chunk.choices) {
    if (choice.index == null || choice.delta == null || choice.finish_reason === undefined) return false;
    for (const toolCall of choice.delta.tool_calls ?? []) {
      if (toolCall.index == null || (toolCall.type != null && toolCall.type !== "function")) return false;
    }
  }
  return true;
}
