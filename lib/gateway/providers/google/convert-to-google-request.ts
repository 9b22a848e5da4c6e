import { InvalidRequestError, UnsupportedFeatureError } from "../../errors";
import type { ChatMessage } from "../../schema/chat-completion-request";
import type { UpstreamChatRequest } from "../provider";
import { convertJsonSchemaToGoogleSchema, type GoogleSchema } from "./convert-json-schema-to-google-schema";
import { parseGoogleToolCallId } from "./create-google-tool-call-id";

export type GooglePartRequest = { [key: string]: unknown };

export interface GoogleContent {
  role: "user" | "model";
  parts: GooglePartRequest[];
}

export interface GoogleRequestBody {
  contents: GoogleContent[];
  systemInstruction?: { parts: Array<{ text: string }> };
  tools?: Array<{ functionDeclarations: Array<{ name: string; description?: string; parameters?: GoogleSchema }> }>;
  toolConfig?: { functionCallingConfig: { mode: "AUTO" | "NONE" | "ANY"; allowedFunctionNames?: string[] } };
  generationConfig?: Record<string, unknown>;
}

/** Fields this adapter turns into Gemini's, or that do not concern the upstream. */
const HANDLED_FIELDS = new Set([
  "model",
  "messages",
  "tools",
  "tool_choice",
  "parallel_tool_calls",
  "response_format",
  "stream",
  "stream_options",
  "temperature",
  "top_p",
  "top_k",
  "max_tokens",
  "max_completion_tokens",
  "stop",
  "seed",
  "frequency_penalty",
  "presence_penalty",
  "reasoning",
  "reasoning_effort",
  "n",
  "logprobs",
  "top_logprobs",
  "logit_bias",
  "repetition_penalty",
  // An end-user id for the provider's abuse monitoring; Gemini has no such field.
  "user",
]);

/** OpenRouter's effort levels as thinking budgets (tokens). */
const EFFORT_BUDGETS: Record<string, number> = { minimal: 128, low: 1024, medium: 8192, high: 24576 };

/** Extensions Gemini accepts as image or document URIs. */
const MIME_TYPES_BY_EXTENSION: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  heic: "image/heic",
  heif: "image/heif",
  pdf: "application/pdf",
};

/**
 * An OpenAI chat request as a Gemini generateContent body. Everything the
 * client asked for is either expressed or refused with a 400 naming the
 * field; nothing is dropped silently.
 * @see https://ai.google.dev/api/generate-content#request-body
 * @see https://ai.google.dev/gemini-api/docs/function-calling
 */
export function convertToGoogleRequest(request: UpstreamChatRequest): GoogleRequestBody {
  rejectUnsupportedFields(request);
  const { contents, systemParts } = convertMessages(request.messages);
  const body: GoogleRequestBody = { contents };
  if (systemParts.length > 0) body.systemInstruction = { parts: systemParts };

  if (request.tools && request.tools.length > 0) {
    body.tools = [
      {
        functionDeclarations: request.tools.map((tool, index) => {
          const parameters = convertJsonSchemaToGoogleSchema(tool.function.parameters, `tools[${index}].function.parameters`);
          return {
            name: tool.function.name,
            ...(tool.function.description ? { description: tool.function.description } : {}),
            ...(parameters ? { parameters } : {}),
          };
        }),
      },
    ];
    if (request.tool_choice !== undefined) body.toolConfig = { functionCallingConfig: convertToolChoice(request.tool_choice) };
  }

  const generationConfig = convertGenerationConfig(request);
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;
  return body;
}

function rejectUnsupportedFields(request: UpstreamChatRequest): void {
  const unsupported = (field: string, why = "is not supported by Google AI Studio."): never => {
    throw new UnsupportedFeatureError(`${field} ${why}`, field);
  };
  if (request.logprobs === true) unsupported("logprobs");
  if (request.top_logprobs != null) unsupported("top_logprobs");
  if (request.logit_bias != null && Object.keys(request.logit_bias).length > 0) unsupported("logit_bias");
  if (request.n != null && request.n !== 1) unsupported("n", "greater than 1 is not supported by Google AI Studio.");
  if (request.repetition_penalty != null) unsupported("repetition_penalty");
  // Gemini decides on its own whether to call several functions at once.
  if (request.parallel_tool_calls === false) unsupported("parallel_tool_calls", "set to false is not supported by Google AI Studio.");
  for (const [field, value] of Object.entries(request)) {
    if (value != null && !HANDLED_FIELDS.has(field)) unsupported(field);
  }
}

function convertMessages(messages: ChatMessage[]): { contents: GoogleContent[]; systemParts: Array<{ text: string }> } {
  const contents: GoogleContent[] = [];
  const systemParts: Array<{ text: string }> = [];
  /** Gemini's functionResponse is matched by name, OpenAI's tool message by id. */
  const toolNamesById = new Map<string, string>();

  const append = (role: GoogleContent["role"], parts: GooglePartRequest[]): void => {
    if (parts.length === 0) return;
    const last = contents.at(-1);
    // Gemini wants turns to alternate; consecutive messages of one role become one turn.
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };

  messages.forEach((message, index) => {
    const param = `messages[${index}]`;
    switch (message.role) {
      case "system":
      case "developer":
        systemParts.push(...textsOf(message.content).map((text) => ({ text })));
        break;
      case "user":
        append(
          "user",
          typeof message.content === "string" ? [{ text: message.content }] : message.content.map((part, partIndex) => convertUserPart(part, `${param}.content[${partIndex}]`)),
        );
        break;
      case "assistant": {
        const parts: GooglePartRequest[] = [];
        const content = message.content;
        if (typeof content === "string") {
          if (content !== "") parts.push({ text: content });
        } else if (content) {
          for (const part of content) parts.push({ text: part.type === "text" ? part.text : part.refusal });
        }
        message.tool_calls?.forEach((toolCall, callIndex) => {
          toolNamesById.set(toolCall.id, toolCall.function.name);
          const { thoughtSignature } = parseGoogleToolCallId(toolCall.id);
          parts.push({
            functionCall: { name: toolCall.function.name, args: parseArguments(toolCall.function.arguments, `${param}.tool_calls[${callIndex}].function.arguments`) },
            ...(thoughtSignature ? { thoughtSignature } : {}),
          });
        });
        append("model", parts);
        break;
      }
      case "tool": {
        const name = toolNamesById.get(message.tool_call_id);
        if (name === undefined) {
          throw new InvalidRequestError(`${param}.tool_call_id '${message.tool_call_id}' matches no tool call of an earlier assistant message.`, {
            param: `${param}.tool_call_id`,
          });
        }
        append("user", [{ functionResponse: { name, response: toFunctionResponse(textsOf(message.content).join("")) } }]);
        break;
      }
      case "function":
        throw new UnsupportedFeatureError(`${param}: the legacy 'function' role is not supported by Google AI Studio; use tool messages.`, param);
    }
  });

  if (contents.length === 0) throw new InvalidRequestError("messages must hold at least one user or assistant message.", { param: "messages" });
  return { contents, systemParts };
}

function textsOf(content: string | Array<{ text: string }>): string[] {
  return typeof content === "string" ? [content] : content.map((part) => part.text);
}

type UserPart = Exclude<Extract<ChatMessage, { role: "user" }>["content"], string>[number];

function convertUserPart(part: UserPart, param: string): GooglePartRequest {
  switch (part.type) {
    case "text":
      return { text: part.text };
    case "image_url":
      return convertUrl(part.image_url.url, `${param}.image_url.url`);
    case "input_audio":
      return { inlineData: { mimeType: `audio/${part.input_audio.format}`, data: part.input_audio.data } };
    case "file":
      if (part.file.file_data) return convertUrl(part.file.file_data, `${param}.file.file_data`);
      throw new UnsupportedFeatureError(`${param}.file: only inline file_data is supported by Google AI Studio, not file_id.`, `${param}.file`);
  }
}

/**
 * data: URLs are sent inline; https URLs by reference, which needs a MIME
 * type Gemini can take, guessed from the extension.
 * @see https://ai.google.dev/gemini-api/docs/image-understanding
 */
function convertUrl(url: string, param: string): GooglePartRequest {
  const dataUrl = /^data:([^;,]+)((?:;[^;,]*)*?)(;base64)?,(.*)$/s.exec(url);
  if (dataUrl) {
    const mimeType = dataUrl[1] ?? "";
    const payload = dataUrl[4] ?? "";
    const data = dataUrl[3] ? payload : Buffer.from(decodeURIComponent(payload), "utf8").toString("base64");
    return { inlineData: { mimeType, data } };
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed?.protocol !== "https:") {
    throw new UnsupportedFeatureError(`${param}: Google AI Studio takes data: URLs or https URLs.`, param);
  }
  const extension = /\.([a-z0-9]+)$/i.exec(parsed.pathname)?.[1]?.toLowerCase();
  const mimeType = extension === undefined ? undefined : MIME_TYPES_BY_EXTENSION[extension];
  if (mimeType === undefined) {
    throw new UnsupportedFeatureError(
      `${param}: the file type of '${parsed.pathname}' cannot be told from its extension; send it as a data: URL.`,
      param,
    );
  }
  return { fileData: { mimeType, fileUri: url } };
}

function parseArguments(text: string, param: string): unknown {
  if (text.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(text);
    if (isRecord(value)) return value;
  } catch {
    // Reported below.
  }
  throw new InvalidRequestError(`${param} must be a JSON object.`, { param });
}

/** Gemini's function response is an object: a JSON object result as it is, anything else wrapped. */
function toFunctionResponse(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (isRecord(value)) return value;
  } catch {
    // Plain text results are wrapped as they are.
  }
  return { content: text };
}

function convertToolChoice(choice: NonNullable<UpstreamChatRequest["tool_choice"]>): NonNullable<GoogleRequestBody["toolConfig"]>["functionCallingConfig"] {
  if (choice === "auto") return { mode: "AUTO" };
  if (choice === "none") return { mode: "NONE" };
  if (choice === "required") return { mode: "ANY" };
  return { mode: "ANY", allowedFunctionNames: [choice.function.name] };
}

/** @see https://ai.google.dev/api/generate-content#generationconfig */
function convertGenerationConfig(request: UpstreamChatRequest): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  if (request.temperature != null) config.temperature = request.temperature;
  if (request.top_p != null) config.topP = request.top_p;
  if (request.top_k != null) config.topK = request.top_k;
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens != null) config.maxOutputTokens = maxTokens;
  if (request.stop != null) config.stopSequences = typeof request.stop === "string" ? [request.stop] : request.stop;
  if (request.seed != null) config.seed = request.seed;
  if (request.presence_penalty != null) config.presencePenalty = request.presence_penalty;
  if (request.frequency_penalty != null) config.frequencyPenalty = request.frequency_penalty;

  const format = request.response_format;
  if (format?.type === "json_object") config.responseMimeType = "application/json";
  if (format?.type === "json_schema") {
    config.responseMimeType = "application/json";
    const schema = convertJsonSchemaToGoogleSchema(format.json_schema.schema, "response_format.json_schema.schema");
    if (schema) config.responseSchema = schema;
  }

  const thinkingConfig = convertReasoning(request);
  if (thinkingConfig) config.thinkingConfig = thinkingConfig;
  return config;
}

/**
 * OpenRouter's `reasoning` (or OpenAI's `reasoning_effort`) as a thinking
 * budget; thought summaries are asked for unless the client excludes them.
 * @see https://ai.google.dev/gemini-api/docs/thinking
 * @see https://openrouter.ai/docs/use-cases/reasoning-tokens
 */
function convertReasoning(request: UpstreamChatRequest): Record<string, unknown> | undefined {
  const effortAlias = typeof request.reasoning_effort === "string" ? request.reasoning_effort : undefined;
  const settings: ReasoningSettings | undefined = request.reasoning ?? (effortAlias === undefined ? undefined : { effort: effortAlias });
  if (settings === undefined) return undefined;
  if (settings.enabled === false) return { thinkingBudget: 0 };
  const effort = settings.effort;
  const budget = settings.max_tokens ?? (effort === undefined ? undefined : EFFORT_BUDGETS[effort]);
  if (effort !== undefined && budget === undefined) {
    throw new UnsupportedFeatureError(`reasoning.effort '${effort}' is not supported by Google AI Studio.`, "reasoning.effort");
  }
  return { ...(budget === undefined ? {} : { thinkingBudget: budget }), includeThoughts: settings.exclude !== true };
}

interface ReasoningSettings {
  effort?: string;
  max_tokens?: number;
  exclude?: boolean;
  enabled?: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
