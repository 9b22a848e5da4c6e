import type { OpenAIUsage, ToolCall } from "../../chat-types";
import type { ChatCompletionRequest, ChatMessage } from "../../schema/chat-completion-request";
import { applyStopSequences } from "./apply-stop-sequences";
import { requestedMaximumTokens } from "./check-request-support";
import { composeSentence } from "./compose-prose";
import { createRandomFor, hashText } from "./create-random";
import { describeTopic, readQuestion } from "./extract-keywords";
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
  finishReason: "stop" | "length" | "tool_calls";
  promptTokens: number;
  completionTokens: number;
  /** Seeds everything else about this reply (chunking, timing jitter). */
  seed: number;
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
  if (toolCalls.length > 0) {
    const fitted = fitToolCalls(toolCalls, maximumTokens);
    if (fitted.calls.length > 0) {
      return {
        content: null,
        toolCalls: fitted.calls,
        finishReason: fitted.truncated ? "length" : "tool_calls",
        promptTokens,
        completionTokens: countToolCallTokens(fitted.calls),
        seed,
      };
    }
    // Not even one function name fits the limit: the model ran out before it began.
    return { content: "", toolCalls: [], finishReason: "length", promptTokens, completionTokens: 0, seed };
  }

  const lengthRandom = createRandomFor(seed, "length");
  const targetTokens = Math.min(
    longestReply,
    Math.max(shortestReply, shortestReply + Math.round(countTokens(questionText) * 1.2) + lengthRandom.integer(0, 60)),
  );
  const textRandom = createRandomFor(seed, "text");
  const lastMessage = request.messages.at(-1);
  let text: string;
  if (lastMessage && (lastMessage.role === "tool" || lastMessage.role === "function")) {
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
    promptTokens,
    completionTokens: countTokens(limited.text),
    seed,
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

/** OpenAI's usage shape; the simulation never caches prompts or reasons. */
export function usageOf(reply: PlannedReply): OpenAIUsage {
  return {
    prompt_tokens: reply.promptTokens,
    completion_tokens: reply.completionTokens,
    total_tokens: reply.promptTokens + reply.completionTokens,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  };
}
