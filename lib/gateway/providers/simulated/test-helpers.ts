import type { ChatCompletionChunk, OpenAIUsage, ToolCall } from "../../chat-types";
import type { UpstreamChatRequest } from "../provider";

/** What a client rebuilds from a stream: the pieces of a non-streamed completion. */
export interface ReassembledStream {
  chunks: ChatCompletionChunk[];
  content: string | null;
  toolCalls: ToolCall[];
  finishReason: string | null;
  usage: OpenAIUsage | null | undefined;
  role: string | null | undefined;
}

export async function reassembleStream(stream: AsyncIterable<ChatCompletionChunk>): Promise<ReassembledStream> {
  const chunks: ChatCompletionChunk[] = [];
  let content: string | null = null;
  const toolCalls: ToolCall[] = [];
  let finishReason: string | null = null;
  let usage: OpenAIUsage | null | undefined;
  let role: string | null | undefined;
  for await (const chunk of stream) {
    chunks.push(chunk);
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices) {
      role ??= choice.delta.role;
      if (typeof choice.delta.content === "string") content = (content ?? "") + choice.delta.content;
      for (const delta of choice.delta.tool_calls ?? []) {
        const existing = toolCalls[delta.index];
        if (existing) existing.function.arguments += delta.function?.arguments ?? "";
        else {
          toolCalls[delta.index] = {
            id: delta.id ?? "",
            type: "function",
            function: { name: delta.function?.name ?? "", arguments: delta.function?.arguments ?? "" },
          };
        }
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
  }
  return { chunks, content, toolCalls, finishReason, usage, role };
}

/** A request as the gateway hands it to an adapter. */
export function userRequest(model: string, content: string, extra: Partial<UpstreamChatRequest> = {}): UpstreamChatRequest {
  return { model, messages: [{ role: "user", content }], ...extra };
}

export const weatherTool = {
  type: "function" as const,
  function: {
    name: "get_weather",
    description: "Get the current weather for a city",
    parameters: {
      type: "object",
      properties: {
        city: { type: "string", description: "City name" },
        unit: { type: "string", enum: ["celsius", "fahrenheit"] },
        days: { type: "integer", minimum: 1, maximum: 7 },
        include_hourly: { type: "boolean" },
      },
      required: ["city", "unit"],
      additionalProperties: false,
    },
  },
};

export const searchTool = {
  type: "function" as const,
  function: {
    name: "search_documents",
    description: "Search internal documents by keyword",
    parameters: {
      type: "object",
      properties: {
        query: { type: "string" },
        filters: {
          type: "object",
          properties: { author: { type: "string" }, tags: { type: "array", items: { type: "string" }, minItems: 1 } },
          required: ["tags"],
        },
        limit: { type: "integer", minimum: 1, maximum: 50 },
      },
      required: ["query", "filters"],
    },
  },
};
