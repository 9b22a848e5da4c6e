import type { ProviderModel } from "../providers/provider";
import type { ChatCompletionRequest } from "../schema/chat-completion-request";
import { computeCostMicros } from "./compute-cost";

/**
 * An upper bound on the prompt's tokens without running a tokenizer: every
 * token is at least one byte of UTF-8, and the JSON around the text outweighs
 * the few tokens of chat framing per message.
 */
export function promptTokenUpperBound(request: Pick<ChatCompletionRequest, "messages" | "tools">): number {
  // Routing and holding ask once per model and per candidate: serialise the prompt once per request.
  let bound = upperBounds.get(request);
  if (bound === undefined) {
    bound = Buffer.byteLength(JSON.stringify(request.messages)) + (request.tools ? Buffer.byteLength(JSON.stringify(request.tools)) : 0);
    upperBounds.set(request, bound);
  }
  return bound;
}

const upperBounds = new WeakMap<object, number>();

/**
 * The most a request can cost at one endpoint, in micro-dollars: what is held
 * before the provider is called. The prompt is bounded as above and priced at
 * the dearer of the prompt and cache-write rates; the output is what the
 * request allows (max_tokens, else the endpoint's max output, else the rest of
 * its context) at the dearer of the completion and reasoning rates.
 */
export function maximumCostMicros(model: Pick<ProviderModel, "pricing" | "contextLength" | "maxOutputTokens">, request: ChatCompletionRequest): bigint {
  const promptTokens = Math.min(promptTokenUpperBound(request), model.contextLength);
  const allowedOutput = model.maxOutputTokens ?? Math.max(0, model.contextLength - promptTokens);
  const asked = request.max_completion_tokens ?? request.max_tokens;
  const outputTokens = asked === undefined || asked === null ? allowedOutput : Math.min(asked, allowedOutput);
  const { pricing } = model;
  return computeCostMicros(
    {
      promptPerMillion: Math.max(pricing.promptPerMillion, pricing.cacheWritePerMillion ?? 0),
      completionPerMillion: Math.max(pricing.completionPerMillion, pricing.reasoningPerMillion ?? 0),
      requestMicros: pricing.requestMicros,
    },
    { promptTokens, completionTokens: outputTokens, reasoningTokens: 0, cachedTokens: 0, cacheWriteTokens: 0 },
  );
}
