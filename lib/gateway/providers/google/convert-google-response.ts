import { randomUUID } from "node:crypto";
import type { ChatCompletion, ChatCompletionChunk, ChunkChoice, ToolCall } from "../../chat-types";
import { convertGoogleUsage } from "./convert-google-usage";
import { createGoogleToolCallId } from "./create-google-tool-call-id";
import type { GooglePart, GoogleResponse } from "./google-api";
import { mapGoogleFinishReason } from "./map-google-finish-reason";

export interface ResponseDefaults {
  created: number;
  /** The model asked for, used when Gemini leaves out modelVersion. */
  model: string;
}

interface ConvertedParts {
  content: string | null;
  reasoning: string | null;
  toolCalls: ToolCall[];
}

/**
 * A generateContent response as an OpenAI chat completion: text parts are
 * the content, thought parts the reasoning, function calls the tool calls.
 * @see https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse
 */
export function convertGoogleCompletion(response: GoogleResponse, defaults: ResponseDefaults): ChatCompletion {
  const responseId = response.responseId ?? randomUUID().replaceAll("-", "");
  const candidate = response.candidates?.[0];
  const blocked = !candidate && Boolean(response.promptFeedback?.blockReason);
  const { content, reasoning, toolCalls } = convertParts(candidate?.content?.parts ?? [], responseId, 0);
  return {
    id: `chatcmpl-${responseId}`,
    object: "chat.completion",
    created: defaults.created,
    model: response.modelVersion ?? defaults.model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content,
          ...(reasoning === null ? {} : { reasoning }),
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: blocked ? "content_filter" : mapGoogleFinishReason(candidate?.finishReason, toolCalls.length > 0),
      },
    ],
    usage: convertGoogleUsage(response.usageMetadata),
  };
}

/**
 * Turns stream events into chunks one at a time. Gemini sends each function
 * call whole, so each becomes one complete tool-call delta; tool-call
 * indexes run across the whole stream. usageMetadata is cumulative, so only
 * the last one counts: it goes out in a final chunk with no choices.
 * @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 */
export class GoogleChunkConverter {
  private responseId: string | undefined;
  private toolCallCount = 0;
  private sentRole = false;
  private usage: GoogleResponse["usageMetadata"];
  /** Set once an event carried a finish reason (or a blocked prompt). */
  finished = false;
  private model: string;

  constructor(private readonly defaults: ResponseDefaults) {
    this.model = defaults.model;
  }

  convert(event: GoogleResponse): ChatCompletionChunk | undefined {
    this.responseId ??= event.responseId ?? randomUUID().replaceAll("-", "");
    if (event.modelVersion) this.model = event.modelVersion;
    if (event.usageMetadata) this.usage = event.usageMetadata;

    const candidate = event.candidates?.[0];
    const { content, reasoning, toolCalls } = convertParts(candidate?.content?.parts ?? [], this.responseId, this.toolCallCount);
    this.toolCallCount += toolCalls.length;

    let finishReason: string | null = null;
    if (candidate?.finishReason) finishReason = mapGoogleFinishReason(candidate.finishReason, this.toolCallCount > 0);
    else if (!candidate && event.promptFeedback?.blockReason) finishReason = "content_filter";
    if (finishReason !== null) this.finished = true;

    const delta: ChunkChoice["delta"] = {};
    if (!this.sentRole) delta.role = "assistant";
    if (content !== null) delta.content = content;
    if (reasoning !== null) delta.reasoning = reasoning;
    if (toolCalls.length > 0) {
      const firstIndex = this.toolCallCount - toolCalls.length;
      delta.tool_calls = toolCalls.map((toolCall, offset) => ({ index: firstIndex + offset, ...toolCall }));
    }
    if (Object.keys(delta).length === 0 && finishReason === null) return undefined;
    this.sentRole = true;
    return this.chunk([{ index: 0, delta, finish_reason: finishReason }]);
  }

  /** The usage chunk that closes a finished stream. */
  usageChunk(): ChatCompletionChunk {
    return { ...this.chunk([]), usage: convertGoogleUsage(this.usage) };
  }

  private chunk(choices: ChunkChoice[]): ChatCompletionChunk {
    return {
      id: `chatcmpl-${this.responseId ?? ""}`,
      object: "chat.completion.chunk",
      created: this.defaults.created,
      model: this.model,
      choices,
    };
  }
}

function convertParts(parts: GooglePart[], responseId: string, firstToolIndex: number): ConvertedParts {
  let content: string | null = null;
  let reasoning: string | null = null;
  const toolCalls: ToolCall[] = [];
  for (const part of parts) {
    if (part.functionCall) {
      toolCalls.push({
        id: createGoogleToolCallId(responseId, firstToolIndex + toolCalls.length, part.thoughtSignature),
        type: "function",
        function: { name: part.functionCall.name, arguments: JSON.stringify(part.functionCall.args ?? {}) },
      });
    } else if (part.text) {
      if (part.thought) reasoning = (reasoning ?? "") + part.text;
      else content = (content ?? "") + part.text;
    }
  }
  return { content, reasoning, toolCalls };
}
