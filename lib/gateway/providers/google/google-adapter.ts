import type { ChatCompletion, ChatCompletionChunk } from "../../chat-types";
import { parseSseStream } from "../../sse/parse-sse-stream";
import type { ErrorContext, OpenAICompatibleProviderConfig, ProviderSettings } from "../openai-compatible";
import type { CallOptions, ProviderAdapter, UpstreamChatRequest } from "../provider";
import { fetchFromProvider, readResponseText } from "../shared/fetch-from-provider";
import { releaseWhenAbandoned } from "../shared/release-when-abandoned";
import { rethrowAsUpstreamError } from "../shared/rethrow-as-upstream-error";
import { convertGoogleCompletion, GoogleChunkConverter, type ResponseDefaults } from "./convert-google-response";
import { convertToGoogleRequest } from "./convert-to-google-request";
import { googleResponseSchema } from "./google-api";
import { createGoogleHttpError, createGoogleInvalidResponseError, createGooglePayloadError } from "./google-error";
import type { ProviderBody, ProviderResponse } from "../shared/provider-response";

const DEFAULT_ORIGIN = "https://generativelanguage.googleapis.com";

/**
 * Gemini through its native generateContent API, which (unlike its OpenAI
 * compatibility layer) reports thoughts, cached tokens and thought
 * signatures. The key goes in the x-goog-api-key header, never the URL, so
 * it cannot leak through logged URLs.
 * @see https://ai.google.dev/api/generate-content
 */
export function createGoogleProvider(config: OpenAICompatibleProviderConfig, settings: ProviderSettings): ProviderAdapter {
  const origin = (settings.baseUrl ?? DEFAULT_ORIGIN).replace(/\/+$/, "");
  const models = config.models;
  const context: ErrorContext = { providerId: "google-ai-studio", providerName: "Google AI Studio", apiKey: settings.apiKey };

  function send(model: string, method: string, body: unknown, signal: AbortSignal): Promise<ProviderResponse> {
    return fetchFromProvider({
      url: `${origin}/v1beta/models/${encodeURIComponent(model)}:${method}`,
      headers: { "content-type": "application/json", "x-goog-api-key": settings.apiKey },
      body,
      signal,
      context,
      dispatcher: settings.dispatcher,
      createHttpError: (response) => createGoogleHttpError(context, response),
    });
  }

  return {
    id: "google-ai-studio",
    name: "Google AI Studio",
    listModels: async () => models,

    async createChatCompletion(request: UpstreamChatRequest, options: CallOptions): Promise<ChatCompletion> {
      const body = convertToGoogleRequest(request);
      const response = await send(request.model, "generateContent", body, options.signal);
      const text = await readResponseText(response, context, options.signal);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw createGoogleInvalidResponseError(context, "the body is not JSON.");
      }
      if (isRecord(json) && json.error != null) throw createGooglePayloadError(context, json.error);
      const parsed = googleResponseSchema.safeParse(json);
      if (!parsed.success) throw createGoogleInvalidResponseError(context, "the body is not a generateContent response.");
      if (!parsed.data.candidates?.length && !parsed.data.promptFeedback?.blockReason) {
        throw createGoogleInvalidResponseError(context, "the response has no candidates.");
      }
      return convertGoogleCompletion(parsed.data, createDefaults(request.model));
    },

    async streamChatCompletion(request: UpstreamChatRequest, options: CallOptions): Promise<AsyncIterable<ChatCompletionChunk>> {
      const body = convertToGoogleRequest(request);
      const response = await send(request.model, "streamGenerateContent?alt=sse", body, options.signal);
      if (!response.body) throw createGoogleInvalidResponseError(context, "the stream has no body.");
      return releaseWhenAbandoned(response.body, readChunks(response.body, context, options.signal, createDefaults(request.model)));
    },
  };
}

/**
 * The chunks of one stream, then the usage chunk. Leaving the loop early
 * finishes the SSE parser, which cancels the body and frees the connection.
 */
async function* readChunks(
  body: ProviderBody,
  context: ErrorContext,
  signal: AbortSignal,
  defaults: ResponseDefaults,
): AsyncGenerator<ChatCompletionChunk, void, undefined> {
  const converter = new GoogleChunkConverter(defaults);
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
      let json: unknown;
      try {
        json = JSON.parse(next.value.data);
      } catch {
        throw createGoogleInvalidResponseError(context, "a stream event is not JSON", next.value.data);
      }
      if (isRecord(json) && json.error != null) throw createGooglePayloadError(context, json.error);
      const parsed = googleResponseSchema.safeParse(json);
      if (!parsed.success) throw createGoogleInvalidResponseError(context, "a stream event is not a generateContent response.");
      const chunk = converter.convert(parsed.data);
      if (chunk) yield chunk;
    }
  } finally {
    await events.return?.();
  }
  if (!converter.finished) throw createGoogleInvalidResponseError(context, "the stream ended before the completion finished.");
  yield converter.usageChunk();
}

function createDefaults(model: string): ResponseDefaults {
  return { created: Math.floor(Date.now() / 1000), model };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
