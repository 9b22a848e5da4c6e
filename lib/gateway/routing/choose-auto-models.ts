import { blendedPrice } from "../catalog/blended-price";
import type { Endpoint } from "../catalog/create-catalog";
import type { ChatCompletionRequest } from "../schema/chat-completion-request";
import { estimatePromptTokens } from "../usage/estimate-usage";
import { promptTokenUpperBound } from "../usage/maximum-cost";
import { requiredCapabilities, selectEndpoints } from "./select-endpoints";

/** Model ids that ask the router to pick the model. OpenRouter's name is taken too, so clients moving over keep working. */
export const AUTO_MODEL_IDS: ReadonlySet<string> = new Set(["switchyard/auto", "openrouter/auto"]);

/** How many models an automatic pick tries: the pick and two fallbacks. */
const AUTO_MODEL_LIMIT = 3;
/** Prompts longer than this (estimated tokens) go to the long-context list. */
const LONG_PROMPT_TOKENS = 100_000;

/**
 * The lists an automatic pick draws from, best first. Everyday: fast, cheap
 * general models that take tools and JSON. Reasoning: models that think
 * before answering, for requests that ask for `reasoning`. Long context:
 * models with a million-token window, for very long prompts.
 */
export const AUTO_MODEL_LISTS = {
  everyday: [
    "openai/gpt-4o-mini",
    "google/gemini-2.5-flash",
    "openai/gpt-4.1-mini",
    "anthropic/claude-haiku-4.5",
    "deepseek/deepseek-chat",
    "meta-llama/llama-3.3-70b-instruct",
    "mistralai/mistral-small",
    "x-ai/grok-3-mini",
  ],
  reasoning: [
    "openai/o4-mini",
    "google/gemini-2.5-flash",
    "anthropic/claude-sonnet-4.5",
    "openai/gpt-5-mini",
    "deepseek/deepseek-reasoner",
    "x-ai/grok-3-mini",
  ],
  longContext: ["google/gemini-2.5-flash", "openai/gpt-4.1-mini", "google/gemini-2.5-pro", "openai/gpt-4.1"],
} as const satisfies Record<string, readonly string[]>;

export type AutoModelList = keyof typeof AUTO_MODEL_LISTS;

export interface AutoModelChoice {
  /** The models to try, in order; empty when nothing routable can serve the request. */
  modelIds: string[];
  /** Which list the pick came from, or "cheapest" when none of the list was routable. */
  rule: AutoModelList | "cheapest";
}

/**
 * The rule behind `switchyard/auto`:
 * 1. The request picks a list: `reasoning` asked for → reasoning; a prompt
 *    over 100k tokens → long context; else everyday.
 * 2. The list's models that a configured provider serves and that can serve
 *    this request (tools, response format, images, reasoning, context) are
 *    tried in the list's order.
 * 3. When none of them can, the routable models that can serve it are tried
 *    cheapest first, paid ones before `:free` ones (which are rate limited).
 * At most three models are tried; each brings its own provider fallbacks.
 */
export function chooseAutoModels(endpoints: readonly Endpoint[], request: ChatCompletionRequest): AutoModelChoice {
  const byModel = new Map<string, Endpoint[]>();
  for (const endpoint of endpoints) {
    const group = byModel.get(endpoint.model.id);
    if (group) group.push(endpoint);
    else byModel.set(endpoint.model.id, [endpoint]);
  }
  const canServe = (modelId: string) => {
    const group = byModel.get(modelId);
    return group !== undefined && selectEndpoints(group, request).candidates.length > 0;
  };

  const list = pickList(request);
  const listed = AUTO_MODEL_LISTS[list].filter(canServe);
  if (listed.length > 0) return { modelIds: listed.slice(0, AUTO_MODEL_LIMIT), rule: list };

  const cheapest = (modelId: string) => Math.min(...(byModel.get(modelId) ?? []).map(blendedPrice));
  const others = [...byModel.keys()]
    .filter(canServe)
    .sort((left, right) => Number(left.endsWith(":free")) - Number(right.endsWith(":free")) || cheapest(left) - cheapest(right) || compare(left, right));
  return { modelIds: others.slice(0, AUTO_MODEL_LIMIT), rule: "cheapest" };
}

function pickList(request: ChatCompletionRequest): AutoModelList {
  if (requiredCapabilities(request).parameters.includes("reasoning")) return "reasoning";
  // Text with fewer bytes than that cannot be a long prompt, so it is not counted.
  if (promptTokenUpperBound(request) > LONG_PROMPT_TOKENS && estimatePromptTokens(request) > LONG_PROMPT_TOKENS) {
    return "longContext";
  }
  return "everyday";
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
