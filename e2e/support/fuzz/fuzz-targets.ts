import { anthropicMessagesRequestSchema } from "@/lib/gateway/inbound/anthropic/anthropic-messages-request";
import { parseListModelsQuery } from "@/lib/gateway/catalog/list-models-query";
import { chatCompletionRequestSchema } from "@/lib/gateway/schema/chat-completion-request";
import type { FuzzValue } from "./json-text";

/** README: `MAX_REQUEST_BYTES` defaults to 10 MiB, and a longer body is a 413. The fuzz run keeps the default. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

export type ErrorShape = "openai" | "anthropic";
export type SuccessShape = "chat" | "messages" | "data";

/** What a correct answer to one case looks like. */
export interface Expectation {
  /** The error body's shape: OpenAI's, or Anthropic's on /messages. */
  errorShape: ErrorShape;
  /** What a 2xx must carry; absent when the request is invalid and no 2xx may answer it. */
  success?: { shape: SuccessShape; stream: boolean };
  /** The one right status, when there is one (413 over the limit, 401 without a valid key). */
  status?: number;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The body as the server reads it (strict UTF-8, a byte order mark dropped, then JSON.parse), or undefined. */
export function decodeJsonBody(bytes: Buffer): unknown {
  try {
    return bytes.length === 0 ? undefined : (JSON.parse(utf8.decode(bytes)) as unknown);
  } catch {
    return undefined;
  }
}

const streamed = (body: unknown) => (body as { stream?: unknown }).stream === true;

/** A POST route that takes a JSON body. */
export interface BodyTarget {
  name: "chat" | "messages";
  path: string;
  errorShape: ErrorShape;
  /** Valid requests that reach the provider, to mutate. */
  bases: readonly FuzzValue[];
  /**
   * Whether the bytes are a request the route's schema accepts; only then may
   * a 2xx answer. The server may still refuse it (unknown model, credits, a
   * rule beyond the schema) with a 4xx.
   */
  judge(bytes: Buffer): Expectation["success"];
}

const MODEL = "simulated/swift-mini";

const weatherTool = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Current weather for a city",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
};

export const CHAT_TARGET: BodyTarget = {
  name: "chat",
  path: "/api/v1/chat/completions",
  errorShape: "openai",
  bases: [
    { model: MODEL, messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Say hello." }], max_tokens: 32, temperature: 0.7 },
    { model: MODEL, messages: [{ role: "user", content: [{ type: "text", text: "Tell me a story." }] }], stream: true, stream_options: { include_usage: true } },
    {
      model: MODEL,
      messages: [
        { role: "user", content: "Weather in Paris?" },
        { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
        { role: "tool", tool_call_id: "call_1", content: "Sunny, 21 °C" },
      ],
      tools: [weatherTool],
      tool_choice: "auto",
      seed: 7,
      stop: ["\n\n"],
      user: "fuzzer",
    },
    {
      model: MODEL,
      messages: [{ role: "developer", content: "Answer in JSON." }, { role: "user", content: "Give me a name." }],
      response_format: { type: "json_schema", json_schema: { name: "answer", schema: { type: "object", properties: { name: { type: "string" } }, required: ["name"] } } },
      models: ["simulated/sage-pro"],
      provider: { sort: "price", allow_fallbacks: true },
      usage: { include: true },
      top_p: 0.9,
      presence_penalty: 0.1,
    },
  ],
  judge(bytes) {
    const body = decodeJsonBody(bytes);
    if (!chatCompletionRequestSchema.safeParse(body).success) return undefined;
    return { shape: "chat", stream: streamed(body) };
  },
};

export const MESSAGES_TARGET: BodyTarget = {
  name: "messages",
  path: "/api/v1/messages",
  errorShape: "anthropic",
  bases: [
    { model: MODEL, max_tokens: 64, messages: [{ role: "user", content: "Hello there" }] },
    {
      model: MODEL,
      max_tokens: 128,
      system: [{ type: "text", text: "Be brief." }],
      messages: [
        { role: "user", content: [{ type: "text", text: "Weather in Paris?" }] },
        { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "Sunny" }] },
      ],
      tools: [{ name: "get_weather", description: "Current weather", input_schema: { type: "object", properties: { city: { type: "string" } } } }],
      tool_choice: { type: "auto" },
      stream: true,
      temperature: 0.5,
      stop_sequences: ["END"],
      metadata: { user_id: "fuzzer" },
    },
  ],
  judge(bytes) {
    const body = decodeJsonBody(bytes);
    if (!anthropicMessagesRequestSchema.safeParse(body).success) return undefined;
    return { shape: "messages", stream: streamed(body) };
  },
};

export const BODY_TARGETS = [CHAT_TARGET, MESSAGES_TARGET] as const;

/** What the run learns from the server before fuzzing, so valid GET requests can be told from invalid ones. */
export interface KnownState {
  /** Ids of the models `GET /models` lists. */
  modelIds: ReadonlySet<string>;
  /** A generation of the fuzzing key's. */
  generationId: string;
}

/** A GET route and when it may answer 2xx. */
export interface QueryTarget {
  name: string;
  needsKey: boolean;
  /** Whether `path` (with its query) names something that exists; only then may a 2xx answer. */
  accepts(path: string, known: KnownState): boolean;
}

function searchParams(path: string): URLSearchParams {
  const query = path.indexOf("?");
  return new URLSearchParams(query === -1 ? "" : path.slice(query + 1));
}

function decodedOnce(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export const QUERY_TARGETS = {
  key: { name: "key", needsKey: true, accepts: () => true },
  credits: { name: "credits", needsKey: true, accepts: () => true },
  generation: {
    name: "generation",
    needsKey: true,
    accepts: (path, known) => Object.fromEntries(searchParams(path)).id === known.generationId,
  },
  models: {
    name: "models",
    needsKey: false,
    accepts(path) {
      try {
        parseListModelsQuery(searchParams(path));
        return true;
      } catch {
        return false;
      }
    },
  },
  endpoints: {
    name: "endpoints",
    needsKey: false,
    accepts(path, known) {
      const match = /^\/api\/v1\/models\/([^/?]+)\/([^/?]+)\/endpoints(?:\?|$)/.exec(path);
      if (!match) return false;
      const author = decodedOnce(match[1]!);
      const slug = decodedOnce(match[2]!);
      return author !== undefined && slug !== undefined && known.modelIds.has(`${author}/${slug}`);
    },
  },
} satisfies Record<string, QueryTarget>;
