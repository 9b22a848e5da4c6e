import { blendedPrice } from "../catalog/blended-price";
import type { Endpoint } from "../catalog/create-catalog";
import type { ChatCompletionRequest } from "../schema/chat-completion-request";

export interface Selection {
  /** Endpoints that can serve the request, best first. */
  candidates: Endpoint[];
  /** Why each other endpoint was left out, for the 503 message. */
  excluded: Array<{ endpoint: Endpoint; reason: string }>;
}

/** What a request needs from an endpoint, by OpenRouter's parameter names. */
export function requiredCapabilities(request: ChatCompletionRequest): { parameters: string[]; images: boolean } {
  const parameters: string[] = [];
  if (request.tools?.length) parameters.push("tools");
  if (request.tool_choice !== undefined && request.tool_choice !== "none" && request.tool_choice !== "auto") parameters.push("tool_choice");
  if (request.response_format && request.response_format.type !== "text") parameters.push("response_format");
  const images = request.messages.some(
    (message) => message.role === "user" && Array.isArray(message.content) && message.content.some((part) => part.type === "image_url"),
  );
  return { parameters, images };
}

/**
 * Keeps the endpoints that support what the request uses and orders them
 * cheapest first. The full router (health, provider preferences, weighting)
 * builds on this.
 */
export function selectEndpoints(endpoints: readonly Endpoint[], request: ChatCompletionRequest): Selection {
  const needs = requiredCapabilities(request);
  const candidates: Endpoint[] = [];
  const excluded: Selection["excluded"] = [];
  for (const endpoint of endpoints) {
    const missing = needs.parameters.filter((parameter) => !endpoint.model.supportedParameters.includes(parameter));
    if (needs.images && !endpoint.model.inputModalities.includes("image")) missing.push("image input");
    if (missing.length > 0) excluded.push({ endpoint, reason: `does not support ${missing.join(", ")}` });
    else candidates.push(endpoint);
  }
  candidates.sort((left, right) => blendedPrice(left) - blendedPrice(right));
  return { candidates, excluded };
}
