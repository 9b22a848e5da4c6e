import type { ChatCompletion, ChatCompletionChunk } from "../chat-types";
import type { ChatCompletionRequest } from "../schema/chat-completion-request";

/**
 * Prices are integer micro-dollars per million tokens ($0.15/M = 150_000),
 * which is the same number as pico-dollars per token. `requestMicros` is a
 * flat fee per request in micro-dollars.
 */
export interface ModelPricing {
  promptPerMillion: number;
  completionPerMillion: number;
  cacheReadPerMillion?: number;
  cacheWritePerMillion?: number;
  reasoningPerMillion?: number;
  requestMicros?: number;
}

/** One model as one provider serves it. */
export interface ProviderModel {
  /** Canonical id, `vendor/model` (with a `:free` suffix for free variants). */
  id: string;
  /** The id the provider itself uses in requests. */
  providerModelId: string;
  name: string;
  description?: string;
  contextLength: number;
  maxOutputTokens: number | null;
  pricing: ModelPricing;
  /** OpenRouter's `supported_parameters` names: tools, tool_choice, response_format, ... */
  supportedParameters: string[];
  inputModalities: Array<"text" | "image">;
  /** Unix seconds the model was added, for the catalog. */
  created?: number;
}

/**
 * What an adapter receives: the client's validated request with `model`
 * already set to the provider's own model id and gateway-only fields
 * (`models`, `provider`, `usage`, ...) removed. Unknown fields the client sent
 * are still present so OpenAI-compatible upstreams get them.
 */
export type UpstreamChatRequest = WithoutKeys<ChatCompletionRequest, "models" | "provider" | "usage" | "transforms" | "route">;

/**
 * Omit for loose objects: `Omit` maps over `keyof`, which an index signature
 * collapses to `string`, losing every named field's type.
 */
type WithoutKeys<Type, Keys extends PropertyKey> = { [Key in keyof Type as Key extends Keys ? never : Key]: Type[Key] };

export interface CallOptions {
  /** Aborted when the client goes away or the gateway gives up. */
  signal: AbortSignal;
}

/**
 * The seam every provider sits behind. Adapters translate their provider's
 * format to and from OpenAI's chat shapes; the core knows nothing else about
 * them. Failures are thrown as UpstreamError (see ../errors).
 */
export interface ProviderAdapter {
  /** Lower-case id used in config and records: "openai", "groq", "simulated". */
  readonly id: string;
  /** Display name as OpenRouter shows it: "OpenAI", "Groq". */
  readonly name: string;
  /** The models this provider serves, with prices and limits. */
  listModels(): Promise<ProviderModel[]>;
  createChatCompletion(request: UpstreamChatRequest, options: CallOptions): Promise<ChatCompletion>;
  /**
   * Resolves once the provider has accepted the request (status 2xx), so an
   * error before the first byte can still be answered with a status code.
   * The iterable then yields chunks as they arrive and throws UpstreamError
   * if the stream breaks. Returning from iteration early must release the
   * upstream connection.
   */
  streamChatCompletion(request: UpstreamChatRequest, options: CallOptions): Promise<AsyncIterable<ChatCompletionChunk>>;
}
