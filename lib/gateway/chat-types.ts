/**
 * The OpenAI chat completion shapes that flow between adapters and the
 * gateway core. Every adapter speaks these, whatever its provider's own
 * format; fields the gateway does not model are kept (index signatures) so
 * they reach the client unchanged.
 */

export interface ToolCallDelta {
  index: number;
  id?: string | null;
  type?: "function" | null;
  function?: { name?: string | null; arguments?: string | null } | null;
  [key: string]: unknown;
}

export interface ChunkChoice {
  index: number;
  delta: {
    role?: string | null;
    content?: string | null;
    reasoning?: string | null;
    tool_calls?: ToolCallDelta[] | null;
    [key: string]: unknown;
  };
  finish_reason: string | null;
  logprobs?: unknown;
  [key: string]: unknown;
}

/** Token usage as OpenAI reports it (OpenRouter adds cost fields on the way out). */
export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number | null; cache_write_tokens?: number | null; [key: string]: unknown } | null;
  completion_tokens_details?: { reasoning_tokens?: number | null; [key: string]: unknown } | null;
  [key: string]: unknown;
}

export interface ChatCompletionChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  choices: ChunkChoice[];
  usage?: OpenAIUsage | null;
  [key: string]: unknown;
}

export interface ToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
  [key: string]: unknown;
}

export interface CompletionChoice {
  index: number;
  message: {
    role: "assistant";
    content: string | null;
    reasoning?: string | null;
    tool_calls?: ToolCall[];
    refusal?: string | null;
    [key: string]: unknown;
  };
  finish_reason: string | null;
  logprobs?: unknown;
  [key: string]: unknown;
}

export interface ChatCompletion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: CompletionChoice[];
  usage?: OpenAIUsage | null;
  [key: string]: unknown;
}

const RAW_JSON = Symbol("switchyard.rawJson");

/**
 * Marks a chunk as exactly what the provider sent, as `raw` JSON text with
 * every field the gateway's chunk shape needs, so the client's copy can be
 * made by rewriting a few fields of the text instead of serialising the
 * chunk again (see presentRawChunk). Not enumerable: copies of the chunk do
 * not carry it.
 */
export function markRawChunk(chunk: ChatCompletionChunk, raw: string): ChatCompletionChunk {
  Object.defineProperty(chunk, RAW_JSON, { value: raw, enumerable: false });
  return chunk;
}

export function rawChunkText(chunk: ChatCompletionChunk): string | undefined {
  return (chunk as { [RAW_JSON]?: string })[RAW_JSON];
}
