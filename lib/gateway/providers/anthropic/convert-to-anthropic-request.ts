import { InvalidRequestError, UnsupportedFeatureError } from "../../errors";
import type { ChatMessage } from "../../schema/chat-completion-request";
import type { UpstreamChatRequest } from "../provider";
import { convertReasoningDetailsToAnthropicBlocks } from "./convert-anthropic-reasoning-details";

/** Used when neither the client nor the model says how long a reply may be. */
export const DEFAULT_MAX_TOKENS = 4096;
/** Anthropic's smallest thinking budget. */
const MIN_THINKING_BUDGET = 1024;
const THINKING_BUDGET_BY_EFFORT = { minimal: 1024, low: 1024, medium: 4096, high: 16_384 } as const;

type Block = Record<string, unknown>;
interface AnthropicMessageParam {
  role: "user" | "assistant";
  content: string | Block[];
}

export interface AnthropicRequest {
  /** The body to POST to /v1/messages, without `stream`. */
  body: Record<string, unknown>;
  /**
   * Set when `response_format` asked for JSON: the name of the forced tool
   * whose input is the answer, which the response converters turn back into
   * text content.
   */
  jsonToolName?: string;
  /** False when the client asked for reasoning with `exclude: true`. */
  includeReasoning: boolean;
}

/**
 * An OpenAI chat request as an Anthropic Messages request. Whatever Anthropic
 * cannot do is an UnsupportedFeatureError naming the field, never dropped.
 *
 * `response_format` is honoured with a forced tool (named after the schema,
 * `input_schema` the schema) rather than Anthropic's structured outputs,
 * which are a beta for some models only; the tool's input comes back as the
 * message's text.
 * @see https://docs.claude.com/en/api/messages
 * @see https://docs.claude.com/en/docs/build-with-claude/tool-use/implement-tool-use#json-mode
 */
export function convertToAnthropicRequest(request: UpstreamChatRequest, modelMaxOutputTokens: number | null | undefined): AnthropicRequest {
  rejectUnsupported(request);

  const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? modelMaxOutputTokens ?? DEFAULT_MAX_TOKENS;
  const { system, messages } = convertMessages(request.messages);
  const body: Record<string, unknown> = { model: request.model, max_tokens: maxTokens };
  if (system !== undefined) body.system = system;
  body.messages = messages;

  const stop = request.stop;
  if (stop != null) body.stop_sequences = typeof stop === "string" ? [stop] : stop;
  if (request.temperature != null) body.temperature = request.temperature;
  if (request.top_p != null) body.top_p = request.top_p;
  if (request.top_k != null) body.top_k = request.top_k;
  if (request.user !== undefined) body.metadata = { user_id: request.user };

  const thinking = convertReasoning(request, maxTokens);
  if (thinking) body.thinking = thinking;

  const jsonTool = convertResponseFormat(request);
  if (jsonTool) {
    if (thinking) throw new UnsupportedFeatureError("Anthropic cannot combine response_format with reasoning: it is served by a forced tool call.", "response_format");
    body.tools = [jsonTool.tool];
    body.tool_choice = { type: "tool", name: jsonTool.name };
  } else if (request.tools && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      name: tool.function.name,
      ...(tool.function.description === undefined ? {} : { description: tool.function.description }),
      input_schema: tool.function.parameters ?? { type: "object", properties: {} },
    }));
    const toolChoice = convertToolChoice(request);
    if (toolChoice) body.tool_choice = toolChoice;
  }

  return {
    body,
    ...(jsonTool ? { jsonToolName: jsonTool.name } : {}),
    includeReasoning: request.reasoning?.exclude !== true,
  };
}

function rejectUnsupported(request: UpstreamChatRequest): void {
  const unsupported = (field: string, reason = "is not supported by Anthropic."): never => {
    throw new UnsupportedFeatureError(`${field} ${reason}`, field);
  };
  if (request.logprobs === true) unsupported("logprobs");
  if (request.top_logprobs != null && request.top_logprobs > 0) unsupported("top_logprobs");
  if (request.logit_bias != null && Object.keys(request.logit_bias).length > 0) unsupported("logit_bias");
  if (request.n != null && request.n > 1) unsupported("n", "greater than 1 is not supported by Anthropic.");
  if (request.frequency_penalty != null && request.frequency_penalty !== 0) unsupported("frequency_penalty");
  if (request.presence_penalty != null && request.presence_penalty !== 0) unsupported("presence_penalty");
  if (request.repetition_penalty != null && request.repetition_penalty !== 1) unsupported("repetition_penalty");
  if (request.seed != null) unsupported("seed");
  for (const field of ["audio", "prediction", "web_search_options"]) {
    if (request[field] != null) unsupported(field);
  }
}

/**
 * System and developer messages become the top-level `system`, wherever they
 * stood; the rest alternate user/assistant, so consecutive turns of one role
 * (a tool result followed by a user message, two tool results) are merged.
 */
function convertMessages(messages: ChatMessage[]): { system: string | Block[] | undefined; messages: AnthropicMessageParam[] } {
  const systemBlocks: Block[] = [];
  const turns: Array<{ role: "user" | "assistant"; content: Block[] }> = [];
  const push = (role: "user" | "assistant", content: Block[]): void => {
    const last = turns.at(-1);
    if (last && last.role === role) last.content.push(...content);
    else turns.push({ role, content });
  };

  messages.forEach((message, position) => {
    switch (message.role) {
      case "system":
      case "developer":
        systemBlocks.push(...convertTextContent(message.content));
        break;
      case "user":
        push("user", typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content.map((part) => convertUserPart(part, position)));
        break;
      case "assistant":
        push("assistant", convertAssistantMessage(message, position));
        break;
      case "tool": {
        const content = typeof message.content === "string" ? message.content : convertTextContent(message.content);
        push("user", [{ type: "tool_result", tool_use_id: message.tool_call_id, content }]);
        break;
      }
      case "function":
        throw new UnsupportedFeatureError(`messages[${position}]: the legacy 'function' role is not supported by Anthropic; use tool messages.`, "messages");
    }
  });

  return { system: convertSystem(systemBlocks), messages: turns.map(collapseContent) };
}

function convertSystem(blocks: Block[]): string | Block[] | undefined {
  if (blocks.length === 0) return undefined;
  if (blocks.some((block) => block.cache_control !== undefined)) return blocks;
  return blocks.map((block) => String(block.text)).join("\n\n");
}

/** A turn of one plain text block is sent as a string, as Anthropic's own examples do. */
function collapseContent(turn: { role: "user" | "assistant"; content: Block[] }): AnthropicMessageParam {
  const only = turn.content.length === 1 ? turn.content[0] : undefined;
  if (only && only.type === "text" && only.cache_control === undefined) return { role: turn.role, content: String(only.text) };
  return turn;
}

function convertTextContent(content: string | Array<{ text: string; [key: string]: unknown }>): Block[] {
  if (typeof content === "string") return [{ type: "text", text: content }];
  return content.map((part) => withCacheControl({ type: "text", text: part.text }, part));
}

/** Anthropic's `cache_control` breakpoints, as OpenRouter passes them on content parts. */
function withCacheControl(block: Block, part: Record<string, unknown>): Block {
  return part.cache_control === undefined ? block : { ...block, cache_control: part.cache_control };
}

type UserPart = Exclude<Extract<ChatMessage, { role: "user" }>["content"], string>[number];

/** @see https://docs.claude.com/en/docs/build-with-claude/vision */
function convertUserPart(part: UserPart, position: number): Block {
  switch (part.type) {
    case "text":
      return withCacheControl({ type: "text", text: part.text }, part);
    case "image_url": {
      const url = part.image_url.url;
      const dataUrl = parseDataUrl(url);
      if (dataUrl) return withCacheControl({ type: "image", source: { type: "base64", media_type: dataUrl.mediaType, data: dataUrl.data } }, part);
      if (/^https?:\/\//i.test(url)) return withCacheControl({ type: "image", source: { type: "url", url } }, part);
      throw new InvalidRequestError(`messages[${position}]: an image_url must be an http(s) URL or a base64 data: URL.`, { param: "messages" });
    }
    case "file": {
      const dataUrl = part.file.file_data === undefined ? undefined : parseDataUrl(part.file.file_data);
      if (dataUrl?.mediaType === "application/pdf") {
        return withCacheControl({ type: "document", source: { type: "base64", media_type: dataUrl.mediaType, data: dataUrl.data } }, part);
      }
      throw new UnsupportedFeatureError(`messages[${position}]: Anthropic takes files only as base64 PDF data: URLs in file_data.`, "messages");
    }
    case "input_audio":
      throw new UnsupportedFeatureError(`messages[${position}]: input_audio is not supported by Anthropic.`, "messages");
  }
}

function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (!match || match[1] === undefined || match[2] === undefined) return undefined;
  return { mediaType: match[1], data: match[2] };
}

/**
 * Thinking, text and tool calls of an assistant turn. Thinking comes only
 * from `reasoning_details`, first, as Anthropic returned it; plain
 * `reasoning` is not sent, as Anthropic only takes back thinking blocks with
 * their signatures. Empty text is left out (Anthropic rejects empty text
 * blocks).
 * @see https://docs.claude.com/en/docs/build-with-claude/tool-use/implement-tool-use
 */
function convertAssistantMessage(message: Extract<ChatMessage, { role: "assistant" }>, position: number): Block[] {
  const blocks: Block[] = convertReasoningDetailsToAnthropicBlocks(message.reasoning_details, position);
  const content = message.content;
  if (typeof content === "string") {
    if (content !== "") blocks.push({ type: "text", text: content });
  } else if (content) {
    for (const part of content) {
      const text = part.type === "text" ? part.text : part.refusal;
      if (text !== "") blocks.push(withCacheControl({ type: "text", text }, part));
    }
  }
  for (const call of message.tool_calls ?? []) {
    blocks.push({ type: "tool_use", id: call.id, name: call.function.name, input: parseToolArguments(call.function.arguments, position) });
  }
  return blocks;
}

function parseToolArguments(text: string, position: number): unknown {
  if (text.trim() === "") return {};
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    throw new InvalidRequestError(`messages[${position}]: tool call arguments are not valid JSON.`, { param: "messages" });
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new InvalidRequestError(`messages[${position}]: tool call arguments must be a JSON object.`, { param: "messages" });
  }
  return input;
}

/** @see https://docs.claude.com/en/docs/agents-and-tools/tool-use/implement-tool-use#controlling-claudes-output */
function convertToolChoice(request: UpstreamChatRequest): Block | undefined {
  const choice = request.tool_choice;
  const disableParallel = request.parallel_tool_calls === false ? { disable_parallel_tool_use: true } : {};
  if (choice === "none") return { type: "none" };
  if (choice === "required") return { type: "any", ...disableParallel };
  if (choice !== undefined && choice !== "auto") return { type: "tool", name: choice.function.name, ...disableParallel };
  if (choice === "auto" || request.parallel_tool_calls === false) return { type: "auto", ...disableParallel };
  return undefined;
}

/**
 * OpenRouter's `reasoning` as extended thinking. The budget must be at least
 * 1024 and below max_tokens; one that does not fit is lowered to
 * max_tokens - 1, and a max_tokens too small for any budget is an error.
 * @see https://docs.claude.com/en/docs/build-with-claude/extended-thinking
 * @see https://openrouter.ai/docs/use-cases/reasoning-tokens
 */
function convertReasoning(request: UpstreamChatRequest, maxTokens: number): Block | undefined {
  const reasoning = request.reasoning;
  if (!reasoning || reasoning.enabled === false) return undefined;
  if (reasoning.max_tokens === undefined && reasoning.effort === undefined && reasoning.enabled !== true) return undefined;
  const requested = reasoning.max_tokens ?? THINKING_BUDGET_BY_EFFORT[reasoning.effort ?? "medium"];
  const budget = Math.min(Math.max(requested, MIN_THINKING_BUDGET), maxTokens - 1);
  if (budget < MIN_THINKING_BUDGET) {
    throw new UnsupportedFeatureError(`reasoning on Anthropic needs max_tokens above ${MIN_THINKING_BUDGET}; it is ${maxTokens}.`, "reasoning");
  }
  return { type: "enabled", budget_tokens: budget };
}

function convertResponseFormat(request: UpstreamChatRequest): { name: string; tool: Block } | undefined {
  const format = request.response_format;
  if (!format || format.type === "text") return undefined;
  if (request.tools && request.tools.length > 0) {
    throw new UnsupportedFeatureError("Anthropic cannot combine response_format with tools: it is served by a forced tool call.", "response_format");
  }
  if (format.type === "json_object") {
    return { name: "json", tool: { name: "json", description: "Respond with a JSON object.", input_schema: { type: "object" } } };
  }
  const schema = format.json_schema;
  return {
    name: schema.name,
    tool: {
      name: schema.name,
      description: schema.description ?? "Respond with JSON that matches this schema.",
      input_schema: schema.schema ?? { type: "object" },
    },
  };
}
