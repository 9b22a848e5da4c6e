import { blendedPrice } from "../catalog/blended-price";
import type { Endpoint } from "../catalog/create-catalog";
import type { ChatCompletionRequest } from "../schema/chat-completion-request";
import type { Exclusion } from "./apply-provider-preferences";
import { estimatePromptTokens } from "../usage/estimate-usage";
import { promptTokenUpperBound } from "../usage/maximum-cost";

export interface Selection {
  /** Endpoints that can serve the request, cheapest first. */
  candidates: Endpoint[];
  /** Why each other endpoint was left out, for the error message. */
  excluded: Exclusion[];
}

/** What a request needs from an endpoint, by OpenRouter's parameter names. */
export function requiredCapabilities(request: ChatCompletionRequest): { parameters: string[]; images: boolean } {
  const parameters: string[] = [];
  if (request.tools?.length) parameters.push("tools");
  if (request.tool_choice !== undefined && request.tool_choice !== "none" && request.tool_choice !== "auto") parameters.push("tool_choice");
  if (request.response_format && request.response_format.type !== "text") parameters.push("response_format");
  if (request.reasoning && request.reasoning.enabled !== false) parameters.push("reasoning");
  const images = request.messages.some(
    (message) => message.role === "user" && Array.isArray(message.content) && message.content.some((part) => part.type === "image_url"),
  );
  return { parameters, images };
}

/** The output the client asked room for: max_completion_tokens, or the older max_tokens. */
export function requestedMaxOutput(request: ChatCompletionRequest): number {
  return request.max_completion_tokens ?? request.max_tokens ?? 0;
}

/**
 * Keeps the endpoints that support what the request uses and whose context
 * holds the prompt plus the output asked for, cheapest first. The prompt is
 * counted with the o200k tokenizer, an estimate for other vendors' models;
 * it is only counted when the text could come near some endpoint's limit
 * (a token is at least one byte of UTF-8), so short prompts cost nothing here.
 */
export function selectEndpoints(endpoints: readonly Endpoint[], request: ChatCompletionRequest): Selection {
  const needs = requiredCapabilities(request);
  const maxOutput = requestedMaxOutput(request);
  const promptTokens = lazyPromptTokens(request, endpoints, maxOutput);
  const candidates: Endpoint[] = [];
  const excluded: Selection["excluded"] = [];
  for (const endpoint of endpoints) {
    const missing = needs.parameters.filter((parameter) => !endpoint.model.supportedParameters.includes(parameter));
    if (needs.images && !endpoint.model.inputModalities.includes("image")) missing.push("image input");
    if (missing.length > 0) {
      excluded.push({ endpoint, reason: `does not support ${missing.join(", ")}` });
      continue;
    }
    const { contextLength } = endpoint.model;
    const needed = promptTokens(contextLength) + maxOutput;
    if (needed > contextLength) {
      const asked = maxOutput > 0 ? ` plus ${maxOutput} output tokens` : "";
      excluded.push({ endpoint, reason: `has a ${contextLength}-token context, too small for about ${needed - maxOutput} prompt tokens${asked}` });
      continue;
    }
    candidates.push(endpoint);
  }
  candidates.sort((left, right) => blendedPrice(left) - blendedPrice(right));
  return { candidates, excluded };
}

/**
 * The prompt's size as far as an endpoint with the given context needs to
 * know: 0 while the whole request text is shorter than the room left, else
 * the tokenizer's count (taken once).
 */
function lazyPromptTokens(request: ChatCompletionRequest, endpoints: readonly Endpoint[], maxOutput: number): (contextLength: number) => number {
  const smallest = Math.min(...endpoints.map((endpoint) => endpoint.model.contextLength));
  if (!Number.isFinite(smallest)) return () => 0;
  const bytes = promptTokenUpperBound(request);
  if (bytes + maxOutput <= smallest) return () => 0;
  let counted: number | undefined;
  return (contextLength) => {
    if (bytes + maxOutput <= contextLength) return 0;
    counted ??= estimatePromptTokens(request);
    return counted;
  };
}
