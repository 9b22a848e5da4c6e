import type { OpenAIUsage, ToolCall } from "../../chat-types";
import type { ChatCompletionRequest, ChatMessage } from "../../schema/chat-completion-request";
import { applyStopSequences } from "./apply-stop-sequences";
import { requestedMaximumTokens } from "./check-request-support";
import { composeSentence } from "./compose-prose";
import { composeReasoning, type ReasoningLeadsTo } from "./compose-reasoning";
import { createRandomFor, hashText } from "./create-random";
import { describeTopic, type Question, readQuestion } from "./extract-keywords";
import { generateFromJsonSchema } from "./generate-from-json-schema";
import { generateTextReply, generateToolResultReply } from "./generate-text-reply";
import { planToolCalls } from "./plan-tool-calls";
import { countPartsOfType, findLastUserMessage, textOf } from "./read-message-content";
import type { SimulatedModel } from "./simulated-models";
import { countTokens, toWellFormed, truncateToTokens } from "./tokenize";

/** The whole answer, decided before any of it is sent, so streamed and non-streamed replies agree. */
export interface PlannedReply {
  /** null when the reply is tool calls, as in OpenAI's messages. */
  content: string | null;
  toolCalls: ToolCall[];
  /** The thinking to return before the answer; null when the model did not reason or the client excluded it. */
  reasoning: string | null;
  /** Tokens spent reasoning, returned or not; part of completionTokens. */
  reasoningTokens: number;
  finishReason: "stop" | "length" | "tool_calls";
  promptTokens: number;
  completionTokens: number;
  /** Seeds everything else about this reply (chunking, timing jitter). */
  seed: number;
}

type AnswerPlan = Pick<PlannedReply, "content" | "toolCalls" | "finishReason" | "completionTokens">;

/**
 * What a reasoning model does with its thinking, from OpenRouter's request
 * fields: `reasoning.enabled: false` turns it off, while `reasoning.exclude:
 * true` (or the older `include_reasoning: false`) still reasons, and bills
 * it, but leaves it out of the response.
 * @see https://openrouter.ai/docs/use-cases/reasoning-tokens
 */
export type ReasoningMode = "off" | "hidden" | "shown";

export function readReasoningMode(simulated: SimulatedModel, request: ChatCompletionRequest): ReasoningMode {
  if (!simulated.reasons || request.reasoning?.enabled === false) return "off";
  if (request.reasoning?.exclude === true || request.include_reasoning === false) return "hidden";
  return "shown";
}

const shortestReply = 30;
const longestReply = 250;

export function planReply(simulated: SimulatedModel, request: ChatCompletionRequest, promptTokens: number): PlannedReply {
  const seed = hashText(
    JSON.stringify({
      model: simulated.model.providerModelId,
      messages: request.messages,
      seed: request.seed ?? null,
      tools: request.tools ?? null,
      toolChoice: request.tool_choice ?? null,
      responseFormat: request.response_format ?? null,
    }),
  );
  const lastUserMessage = findLastUserMessage(request.messages);
  const questionText = lastUserMessage ? textOf(lastUserMessage) : "";
  const question = readQuestion(questionText);
  const maximumTokens = requestedMaximumTokens(request);
  const toolCalls = planToolCalls({ simulated, request, seed, question });
  const lastMessage = request.messages.at(-1);
  const answersToolResult = lastMessage !== undefined && (lastMessage.role === "tool" || lastMessage.role === "function");
  const wantsJson = request.response_format?.type === "json_object" || request.response_format?.type === "json_schema";

  const mode = readReasoningMode(simulated, request);
  if (mode === "off") {
    const answer = planAnswer({ request, seed, question, questionText, toolCalls, answersToolResult, maximumTokens });
    return { ...answer, reasoning: null, reasoningTokens: 0, promptTokens, seed };
  }

  // The model thinks first, within the same max_tokens as its answer, so a
  // tight limit can cut it off mid-thought.
  const leadsTo: ReasoningLeadsTo =
    toolCalls.length > 0
      ? { kind: "tool-calls", toolNames: [...new Set(toolCalls.map((call) => call.function.name))] }
      : answersToolResult
        ? { kind: "tool-result", toolName: findToolName(request.messages, lastMessage) }
        : wantsJson
          ? { kind: "json" }
          : { kind: "text" };
  const thought = composeReasoning({ random: createRandomFor(seed, "reasoning"), question, leadsTo });
  const limitedThought = maximumTokens === undefined ? { text: thought, truncated: false } : truncateToTokens(thought, maximumTokens);
  const reasoningTokens = countTokens(limitedThought.text);
  const reasoning = mode === "shown" ? limitedThought.text : null;
  if (limitedThought.truncated) {
    return { content: "", toolCalls: [], reasoning, reasoningTokens, finishReason: "length", promptTokens, completionTokens: reasoningTokens, seed };
  }
  const answer = planAnswer({
    request,
    seed,
    question,
    questionText,
    toolCalls,
    answersToolResult,
    maximumTokens: maximumTokens === undefined ? undefined : maximumTokens - reasoningTokens,
  });
  return { ...answer, reasoning, reasoningTokens, promptTokens, completionTokens: reasoningTokens + answer.completionTokens, seed };
}

interface AnswerInput {
  request: ChatCompletionRequest;
  seed: number;
  question: Question;
  questionText: string;
  toolCalls: ToolCall[];
  answersToolResult: boolean;
  /** What is left of max_tokens for the answer. */
  maximumTokens: number | undefined;
}

/** The answer itself: tool calls, a reply to a tool result, JSON or prose. */
function planAnswer({ request, seed, question, questionText, toolCalls, answersToolResult, maximumTokens }: AnswerInput): AnswerPlan {
  if (toolCalls.length > 0) {
    const fitted = fitToolCalls(toolCalls, maximumTokens);
    if (fitted.calls.length > 0) {
      return {
        content: null,
        toolCalls: fitted.calls,
        finishReason: fitted.truncated ? "length" : "tool_calls",
        completionTokens: countToolCallTokens(fitted.calls),
      };
    }
    // Not even one function name fits the limit: the model ran out before it began.
    return { content: "", toolCalls: [], finishReason: "length", completionTokens: 0 };
  }

  const lengthRandom = createRandomFor(seed, "length");
  const targetTokens = Math.min(
    longestReply,
    Math.max(shortestReply, shortestReply + Math.round(countTokens(questionText) * 1.2) + lengthRandom.integer(0, 60)),
  );
  const textRandom = createRandomFor(seed, "text");
  const lastMessage = request.messages.at(-1);
  let text: string;
  if (answersToolResult && lastMessage) {
    text = generateToolResultReply({
      random: textRandom,
      question,
      toolName: findToolName(request.messages, lastMessage),
      result: toWellFormed(textOf(lastMessage)),
      targetTokens: lengthRandom.integer(shortestReply, 90),
    });
  } else if (request.response_format?.type === "json_object" || request.response_format?.type === "json_schema") {
    const schema = request.response_format.type === "json_schema" ? request.response_format.json_schema.schema : undefined;
    const value = schema
      ? generateFromJsonSchema(schema, { random: textRandom, question, optionalProperties: "all" })
      : {
          answer: `${composeSentence(textRandom, describeTopic(question.keywords))} ${composeSentence(textRandom, describeTopic(question.keywords))}`,
          keywords: question.keywords,
          confidence: textRandom.integer(60, 95) / 100,
        };
    text = JSON.stringify(value);
  } else {
    const lastUserMessage = findLastUserMessage(request.messages);
    text = generateTextReply({
      random: textRandom,
      question,
      targetTokens,
      imageCount: countPartsOfType(lastUserMessage, "image_url"),
    });
  }

  const stopped = applyStopSequences(text, request.stop);
  const limited = maximumTokens === undefined ? { text: stopped.text, truncated: false } : truncateToTokens(stopped.text, maximumTokens);
  return {
    content: limited.text,
    toolCalls: [],
    finishReason: limited.truncated ? "length" : "stop",
    completionTokens: countTokens(limited.text),
  };
}

/** The function name of the call a tool message answers, so the reply can say which tool ran. */
function findToolName(messages: readonly ChatMessage[], toolMessage: ChatMessage): string | undefined {
  if (toolMessage.role === "function") return toolMessage.name;
  if (toolMessage.role !== "tool") return undefined;
  for (const message of messages) {
    if (message.role !== "assistant") continue;
    const call = message.tool_calls?.find((toolCall) => toolCall.id === toolMessage.tool_call_id);
    if (call) return call.function.name;
  }
  return undefined;
}

/** Tool calls are billed as their names plus argument text, as OpenAI counts them. */
export function countToolCallTokens(toolCalls: readonly ToolCall[]): number {
  return toolCalls.reduce((sum, call) => sum + countTokens(call.function.name) + countTokens(call.function.arguments), 0);
}

/** Cuts tool calls at the output limit the way a model that runs out of tokens would: mid-arguments. */
function fitToolCalls(toolCalls: readonly ToolCall[], maximumTokens: number | undefined): { calls: ToolCall[]; truncated: boolean } {
  if (maximumTokens === undefined) return { calls: [...toolCalls], truncated: false };
  const calls: ToolCall[] = [];
  let used = 0;
  for (const call of toolCalls) {
    const nameTokens = countTokens(call.function.name);
    if (used + nameTokens > maximumTokens) return { calls, truncated: true };
    const argumentsText = truncateToTokens(call.function.arguments, maximumTokens - used - nameTokens);
    calls.push({ ...call, function: { ...call.function, arguments: argumentsText.text } });
    used += nameTokens + countTokens(argumentsText.text);
    if (argumentsText.truncated) return { calls, truncated: true };
  }
  return { calls, truncated: false };
}

/** OpenAI's usage shape; the simulation never caches prompts. Reasoning is billed even when excluded. */
export function usageOf(reply: PlannedReply): OpenAIUsage {
  return {
    prompt_tokens: reply.promptTokens,
    completion_tokens: reply.completionTokens,
    total_tokens: reply.promptTokens + reply.completionTokens,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: reply.reasoningTokens },
  };
}
