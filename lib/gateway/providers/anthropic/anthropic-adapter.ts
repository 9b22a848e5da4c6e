import { randomUUID } from "node:crypto";
import type { ChatCompletion, ChatCompletionChunk } from "../../chat-types";
import { parseSseStream, type SseEvent } from "../../sse/parse-sse-stream";
import type { OpenAICompatibleProviderConfig, ProviderSettings } from "../openai-compatible";
import type { CallOptions, ProviderAdapter, UpstreamChatRequest } from "../provider";
import { fetchFromProvider, readResponseText } from "../shared/fetch-from-provider";
import { releaseWhenAbandoned } from "../shared/release-when-abandoned";
import { rethrowAsUpstreamError } from "../shared/rethrow-as-upstream-error";
import { anthropicMessageSchema, anthropicStreamEventSchema, knownAnthropicStreamEventTypes } from "./anthropic-api";
import {
  createAnthropicHttpError,
  createAnthropicInvalidResponseError,
  createAnthropicStreamError,
  type AnthropicErrorContext,
} from "./anthropic-error";
import { convertAnthropicMessage, type ConvertOptions } from "./convert-anthropic-message";
import { createAnthropicStreamConverter } from "./convert-anthropic-stream-event";
import { convertToAnthropicRequest } from "./convert-to-anthropic-request";
import type { ProviderBody, ProviderResponse } from "../shared/provider-response";

export const ANTHROPIC_VERSION = "2023-06-01";

/**
 * Anthropic's native Messages API behind the OpenAI-shaped adapter seam. The
 * models and prices are the provider config's; `settings.baseUrl`
 * (ANTHROPIC_BASE_URL) is an origin such as https://api.anthropic.com.
 * @see https://docs.claude.com/en/api/messages
 */
export function createAnthropicProvider(config: OpenAICompatibleProviderConfig, settings: ProviderSettings): ProviderAdapter {
  const origin = (settings.baseUrl ?? config.defaultBaseUrl).replace(/\/+$/, "").replace(/\/v1$/, "");
  const url = `${origin}/v1/messages`;
  const models = config.models;
  const context: AnthropicErrorContext = { providerId: config.id, providerName: config.name, apiKey: settings.apiKey };
  const headers = {
    "content-type": "application/json",
    "x-api-key": settings.apiKey,
    "anthropic-version": ANTHROPIC_VERSION,
  };

  function prepare(request: UpstreamChatRequest): { body: Record<string, unknown>; convertOptions: ConvertOptions } {
    const maxOutputTokens = models.find((model) => model.providerModelId === request.model)?.maxOutputTokens;
    const converted = convertToAnthropicRequest(request, maxOutputTokens);
    return {
      body: converted.body,
      convertOptions: {
        model: request.model,
        includeReasoning: converted.includeReasoning,
        id: `chatcmpl-${randomUUID()}`,
        created: Math.floor(Date.now() / 1000),
        ...(converted.jsonToolName === undefined ? {} : { jsonToolName: converted.jsonToolName }),
      },
    };
  }

  function send(body: Record<string, unknown>, signal: AbortSignal, accept: string): Promise<ProviderResponse> {
    return fetchFromProvider({
      url,
      headers: { ...headers, accept },
      body,
      signal,
      context,
      dispatcher: settings.dispatcher,
      createHttpError: (response) => createAnthropicHttpError(context, response),
    });
  }

  return {
    id: config.id,
    name: config.name,
    listModels: async () => models,

    async createChatCompletion(request: UpstreamChatRequest, options: CallOptions): Promise<ChatCompletion> {
      const { body, convertOptions } = prepare(request);
      const response = await send(body, options.signal, "application/json");
      const text = await readResponseText(response, context, options.signal);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw createAnthropicInvalidResponseError(context, "the body is not JSON.");
      }
      const parsed = anthropicMessageSchema.safeParse(json);
      if (!parsed.success) throw createAnthropicInvalidResponseError(context, "the body is not a message.");
      const completion = convertAnthropicMessage(parsed.data, convertOptions);
      if ("problem" in completion) throw createAnthropicInvalidResponseError(context, String(completion.problem));
      return completion;
    },

    async streamChatCompletion(request: UpstreamChatRequest, options: CallOptions): Promise<AsyncIterable<ChatCompletionChunk>> {
      const { body, convertOptions } = prepare(request);
      const response = await send({ ...body, stream: true }, options.signal, "text/event-stream");
      if (!response.body) throw createAnthropicInvalidResponseError(context, "the stream has no body.");
      return releaseWhenAbandoned(response.body, readChunks(response.body, context, options.signal, convertOptions));
    },
  };
}

/**
 * The chunks of one stream. Leaving the loop early finishes the SSE parser,
 * which cancels the body and frees the connection; an abort errors the body
 * from inside fetch. Events are told apart by their JSON `type`, not the SSE
 * `event:` line, which carries the same name.
 */
async function* readChunks(
  body: ProviderBody,
  context: AnthropicErrorContext,
  signal: AbortSignal,
  convertOptions: ConvertOptions,
): AsyncGenerator<ChatCompletionChunk, void, undefined> {
  const converter = createAnthropicStreamConverter(convertOptions);
  const events = parseSseStream(body, { maxEventLength: body.maxBytes })[Symbol.asyncIterator]();
  try {
    while (!converter.finished) {
      let next: IteratorResult<SseEvent>;
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
        throw createAnthropicInvalidResponseError(context, "a stream event is not JSON", next.value.data);
      }
      const type = typeof json === "object" && json !== null ? (json as { type?: unknown }).type : undefined;
      if (typeof type !== "string" || !knownAnthropicStreamEventTypes.has(type)) continue;
      const parsed = anthropicStreamEventSchema.safeParse(json);
      if (!parsed.success) throw createAnthropicInvalidResponseError(context, `a ${type} event has an unexpected shape.`);
      const event = parsed.data;
      if (event.type === "error") throw createAnthropicStreamError(context, event.error);
      yield* converter.convert(event);
    }
  } finally {
    await events.return?.();
  }
  if (!converter.finished) throw createAnthropicInvalidResponseError(context, "the stream ended before message_stop.");
}
