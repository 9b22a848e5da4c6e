import { randomUUID } from "node:crypto";
import type { Dispatcher } from "undici";
import { markRawChunk, type ChatCompletion, type ChatCompletionChunk } from "../../chat-types";
import { parseSseStream } from "../../sse/parse-sse-stream";
import type { CallOptions, ProviderAdapter, ProviderModel, UpstreamChatRequest } from "../provider";
import { fetchFromProvider, readResponseText } from "../shared/fetch-from-provider";
import { releaseWhenAbandoned } from "../shared/release-when-abandoned";
import { rethrowAsUpstreamError } from "../shared/rethrow-as-upstream-error";
import { convertOpenAICompatibleChunk, isCompleteOpenAIChunk, type ChunkDefaults } from "./convert-openai-compatible-chunk";
import { convertOpenAICompatibleCompletion } from "./convert-openai-compatible-completion";
import { openAICompatibleChunkSchema, openAICompatibleCompletionSchema } from "./openai-compatible-api";
import type { ProviderBody, ProviderResponse } from "../shared/provider-response";
import {
  createOpenAICompatibleHttpError,
  createOpenAICompatibleInvalidResponseError,
  createOpenAICompatiblePayloadError,
  type ErrorContext,
} from "./openai-compatible-error";

export interface OpenAICompatibleAdapterConfig {
  /** Lower-case provider id: "openai", "groq". */
  id: string;
  /** Display name, also used in error messages: "OpenAI". */
  name: string;
  /** Up to and including the API version: "https://api.openai.com/v1". */
  baseUrl: string;
  /** Sent as `Authorization: Bearer`; local servers (Ollama, vLLM) need none. */
  apiKey?: string;
  /** What connects to `baseUrl`; the trusted pool when unset (see ../shared/provider-dispatchers). */
  dispatcher?: Dispatcher | undefined;
  /** Extra headers for every request (OpenRouter's HTTP-Referer, ...). */
  headers?: Record<string, string>;
  /**
   * How the upstream takes OpenRouter's `reasoning` object: as it is (another
   * OpenRouter), or as OpenAI's `reasoning_effort` (the default).
   */
  reasoning?: "object" | "effort";
  listModels: () => Promise<ProviderModel[]>;
}

/**
 * One adapter for every upstream that speaks OpenAI's chat completions API:
 * the request goes out as the client sent it, responses come back checked
 * against minimal schemas with every provider field kept.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export function createOpenAICompatibleAdapter(config: OpenAICompatibleAdapterConfig): ProviderAdapter {
  const url = `${config.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  const context: ErrorContext = {
    providerId: config.id,
    providerName: config.name,
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
  };
  const headers: Record<string, string> = {
    ...config.headers,
    "content-type": "application/json",
    ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
  };

  function send(body: Record<string, unknown>, signal: AbortSignal, accept: string): Promise<ProviderResponse> {
    return fetchFromProvider({
      url,
      headers: { ...headers, accept },
      body,
      signal,
      context,
      dispatcher: config.dispatcher,
      createHttpError: (response) => createOpenAICompatibleHttpError(context, response),
    });
  }

  return {
    id: config.id,
    name: config.name,
    listModels: config.listModels,

    async createChatCompletion(request: UpstreamChatRequest, options: CallOptions): Promise<ChatCompletion> {
      // stream_options is rejected by OpenAI unless stream is true, and a
      // client's `stream: true` must not turn this call into a stream.
      const { stream: _stream, stream_options: _streamOptions, ...body } = toUpstreamBody(request, config.reasoning);
      const response = await send(body, options.signal, "application/json");
      const text = await readResponseText(response, context, options.signal);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw createOpenAICompatibleInvalidResponseError(context, "the body is not JSON.");
      }
      const payloadError = findPayloadError(json);
      if (payloadError !== undefined) throw createOpenAICompatiblePayloadError(context, payloadError);
      const parsed = openAICompatibleCompletionSchema.safeParse(json);
      if (!parsed.success) throw createOpenAICompatibleInvalidResponseError(context, "the body is not a chat completion.");
      return convertOpenAICompatibleCompletion(parsed.data, createDefaults(request.model));
    },

    async streamChatCompletion(request: UpstreamChatRequest, options: CallOptions): Promise<AsyncIterable<ChatCompletionChunk>> {
      // Usage is always requested: the gateway bills from it, whatever the client asked.
      const streamOptions = isRecord(request.stream_options) ? request.stream_options : {};
      const body = { ...toUpstreamBody(request, config.reasoning), stream: true, stream_options: { ...streamOptions, include_usage: true } };
      const response = await send(body, options.signal, "text/event-stream");
      if (!response.body) throw createOpenAICompatibleInvalidResponseError(context, "the stream has no body.");
      return releaseWhenAbandoned(response.body, readChunks(response.body, context, options.signal, createDefaults(request.model)));
    },
  };
}

/**
 * The chunks of one stream. Leaving the loop early (return or a throw)
 * finishes the SSE parser, which cancels the body and so frees the
 * connection; an abort errors the body from inside fetch.
 */
async function* readChunks(
  body: ProviderBody,
  context: ErrorContext,
  signal: AbortSignal,
  defaults: ChunkDefaults,
): AsyncGenerator<ChatCompletionChunk, void, undefined> {
  let finished = false;
  const events = parseSseStream(body, { maxEventLength: body.maxBytes })[Symbol.asyncIterator]();
  try {
    while (true) {
      let next: IteratorResult<{ data: string }>;
      try {
        next = await events.next();
      } catch (error) {
        rethrowAsUpstreamError(context, error, signal, "Reading the stream from");
      }
      if (next.done) break;
      const data = next.value.data;
      if (data === "[DONE]") return;

      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        throw createOpenAICompatibleInvalidResponseError(context, "a stream event is not JSON", data);
      }
      const payloadError = findPayloadError(json);
      if (payloadError !== undefined) throw createOpenAICompatiblePayloadError(context, payloadError);
      const parsed = openAICompatibleChunkSchema.safeParse(json);
      if (!parsed.success) throw createOpenAICompatibleInvalidResponseError(context, "a stream event is not a chat completion chunk.");

      const chunk = convertOpenAICompatibleChunk(parsed.data, defaults);
      if (isCompleteOpenAIChunk(parsed.data)) markRawChunk(chunk, data);
      if (!finished) finished = chunk.choices.some((choice) => choice.finish_reason !== null);
      yield chunk;
    }
  } finally {
    await events.return?.();
  }
  // Some servers end without [DONE]; a stream that reached a finish reason
  // is complete all the same. One that did not was cut short.
  if (!finished) throw createOpenAICompatibleInvalidResponseError(context, "the stream ended before the completion finished.");
}

/**
 * The error a 2xx payload carries instead of content, if any. OpenAI and most
 * compatible servers send `{ error: {...} }`; vLLM sends `{ object: "error",
 * message, code }`.
 */
function findPayloadError(json: unknown): unknown {
  if (typeof json !== "object" || json === null) return undefined;
  const record = json as Record<string, unknown>;
  if (record.error != null) return record.error;
  if (record.object === "error") return { message: record.message, code: record.code };
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function createDefaults(model: string): ChunkDefaults {
  return { id: `chatcmpl-${randomUUID()}`, created: Math.floor(Date.now() / 1000), model };
}

/**
 * OpenRouter's `reasoning: { effort }` is OpenAI's `reasoning_effort`; only
 * another OpenRouter-style upstream takes the object itself.
 * @see https://openrouter.ai/docs/use-cases/reasoning-tokens
 */
function toUpstreamBody(request: UpstreamChatRequest, reasoning: "object" | "effort" = "effort"): Record<string, unknown> {
  if (reasoning === "object" || request.reasoning === undefined) return request;
  const { reasoning: settings, ...body } = request;
  if (settings.effort && settings.enabled !== false && body.reasoning_effort === undefined) {
    return { ...body, reasoning_effort: settings.effort };
  }
  return body;
}
