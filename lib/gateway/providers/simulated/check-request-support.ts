import type { ChatCompletionRequest } from "../../schema/chat-completion-request";
import { contentPartsOf } from "./read-message-content";
import { createRejectionError } from "./simulated-error";
import type { SimulatedModel } from "./simulated-models";

/** The output limit a request asks for; OpenAI's newer name wins. */
export function requestedMaximumTokens(request: ChatCompletionRequest): number | undefined {
  return request.max_completion_tokens ?? request.max_tokens ?? undefined;
}

/**
 * Rejects what this model cannot do, with the 400 a real provider would send,
 * rather than quietly ignoring it: a client asking for tools, images or JSON
 * from a model without them should learn so (and the gateway can fall back).
 * Sampling parameters such as temperature need no check: the simulation
 * accepts them and its output does not depend on them.
 */
export function checkRequestSupport(simulated: SimulatedModel, request: ChatCompletionRequest, promptTokens: number): void {
  const { model } = simulated;
  const supports = (parameter: string) => model.supportedParameters.includes(parameter);

  for (const message of request.messages) {
    for (const part of contentPartsOf(message)) {
      if (part.type === "image_url" && !model.inputModalities.includes("image")) {
        throw createRejectionError(400, `${model.name} does not accept image input.`, "messages");
      }
      if (part.type === "input_audio") throw createRejectionError(400, `${model.name} does not accept audio input.`, "messages");
      if (part.type === "file") throw createRejectionError(400, `${model.name} does not accept file input.`, "messages");
    }
  }

  const tools = request.tools ?? [];
  if (tools.length > 0 && !supports("tools")) {
    throw createRejectionError(400, `${model.name} does not support tool calling.`, "tools");
  }
  const toolChoice = request.tool_choice;
  if (typeof toolChoice === "object" && !tools.some((tool) => tool.function.name === toolChoice.function.name)) {
    throw createRejectionError(400, `tool_choice names '${toolChoice.function.name}', which is not among the tools.`, "tool_choice");
  }

  const responseFormat = request.response_format?.type;
  if ((responseFormat === "json_object" || responseFormat === "json_schema") && !supports("response_format")) {
    throw createRejectionError(400, `${model.name} does not support response_format.`, "response_format");
  }
  if (responseFormat === "json_schema" && !supports("structured_outputs")) {
    throw createRejectionError(400, `${model.name} does not support json_schema structured outputs.`, "response_format");
  }

  if (request.logprobs === true) {
    throw createRejectionError(400, `${model.name} does not return logprobs.`, "logprobs");
  }

  const maximumTokens = requestedMaximumTokens(request);
  if (maximumTokens !== undefined && model.maxOutputTokens !== null && maximumTokens > model.maxOutputTokens) {
    throw createRejectionError(
      400,
      `max_tokens is too large: ${maximumTokens}. ${model.name} supports at most ${model.maxOutputTokens} completion tokens.`,
      "max_tokens",
    );
  }
  const requestedTotal = promptTokens + (maximumTokens ?? 0);
  if (requestedTotal > model.contextLength) {
    throw createRejectionError(
      400,
      `This model's maximum context length is ${model.contextLength} tokens. However, you requested ${requestedTotal} tokens ` +
        `(${promptTokens} in the messages, ${maximumTokens ?? 0} in the completion).`,
      "messages",
    );
  }
}
