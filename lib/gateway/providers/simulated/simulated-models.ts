import type { ProviderModel } from "../provider";

/** How a simulated model behaves beyond what the catalog shows. */
export interface SimulatedModel {
  model: ProviderModel;
  /** Milliseconds before the first token at speed 1. */
  timeToFirstTokenMilliseconds: number;
  tokensPerSecond: number;
  /** Calls a tool whenever tools are offered and tool_choice allows it. */
  prefersToolCalls: boolean;
  /** Thinks before answering and returns the thinking as `reasoning`, as OpenRouter's reasoning models do. */
  reasons: boolean;
}

/** Unix seconds; a fixed date keeps the catalog stable between restarts. */
const addedAt = 1_735_689_600;

const samplingParameters = ["max_tokens", "temperature", "top_p", "stop", "seed", "frequency_penalty", "presence_penalty"];
const toolParameters = ["tools", "tool_choice", "parallel_tool_calls"];

export const simulatedModels: readonly SimulatedModel[] = [
  {
    model: {
      id: "simulated/swift-mini",
      providerModelId: "swift-mini",
      name: "Simulated: Swift Mini",
      description:
        "A simulated small, fast and cheap model built into Switchyard. It answers locally with generated text, needs no API key or network, and is meant for trying the gateway out.",
      contextLength: 128_000,
      maxOutputTokens: 16_384,
      pricing: { promptPerMillion: 100_000, completionPerMillion: 400_000 },
      supportedParameters: [...samplingParameters, ...toolParameters, "response_format", "structured_outputs"],
      inputModalities: ["text"],
      created: addedAt,
    },
    timeToFirstTokenMilliseconds: 150,
    tokensPerSecond: 150,
    prefersToolCalls: false,
    reasons: false,
  },
  {
    model: {
      id: "simulated/sage-pro",
      providerModelId: "sage-pro",
      name: "Simulated: Sage Pro",
      description:
        "A simulated large, slower and pricier model built into Switchyard, with prompt-cache pricing. Its answers are generated locally, not by a real model; use it to see how cost and latency differ between models.",
      contextLength: 200_000,
      maxOutputTokens: 32_000,
      pricing: {
        promptPerMillion: 3_000_000,
        completionPerMillion: 15_000_000,
        cacheReadPerMillion: 300_000,
        cacheWritePerMillion: 3_750_000,
      },
      supportedParameters: [...samplingParameters, "top_k", ...toolParameters, "response_format", "structured_outputs"],
      inputModalities: ["text"],
      created: addedAt,
    },
    timeToFirstTokenMilliseconds: 600,
    tokensPerSecond: 40,
    prefersToolCalls: false,
    reasons: false,
  },
  {
    model: {
      id: "simulated/scout:free",
      providerModelId: "scout",
      name: "Simulated: Scout (free)",
      description:
        "A simulated free model built into Switchyard with a small context window and no tool calling. Answers are generated locally; it costs nothing and needs no credits.",
      contextLength: 32_768,
      maxOutputTokens: 4_096,
      pricing: { promptPerMillion: 0, completionPerMillion: 0 },
      supportedParameters: [...samplingParameters, "top_k", "repetition_penalty", "response_format"],
      inputModalities: ["text"],
      created: addedAt,
    },
    timeToFirstTokenMilliseconds: 350,
    tokensPerSecond: 80,
    prefersToolCalls: false,
    reasons: false,
  },
  {
    model: {
      id: "simulated/toolsmith",
      providerModelId: "toolsmith",
      name: "Simulated: Toolsmith",
      description:
        "A simulated agent model built into Switchyard that calls a tool whenever tools are offered, with arguments generated from the tool's JSON schema. Use it to exercise tool-calling clients without a real model.",
      contextLength: 65_536,
      maxOutputTokens: 8_192,
      pricing: { promptPerMillion: 500_000, completionPerMillion: 1_500_000 },
      supportedParameters: [...samplingParameters, ...toolParameters, "response_format", "structured_outputs"],
      inputModalities: ["text"],
      created: addedAt,
    },
    timeToFirstTokenMilliseconds: 300,
    tokensPerSecond: 90,
    prefersToolCalls: true,
    reasons: false,
  },
  {
    model: {
      id: "simulated/lumen-vision",
      providerModelId: "lumen-vision",
      name: "Simulated: Lumen Vision",
      description:
        "A simulated multimodal model built into Switchyard that accepts images as well as text. It does not really look at the images: each one is billed as a fixed number of tokens and answered with generated text.",
      contextLength: 128_000,
      maxOutputTokens: 8_192,
      pricing: { promptPerMillion: 800_000, completionPerMillion: 3_200_000 },
      supportedParameters: ["max_tokens", "temperature", "top_p", "stop", "seed", "tools", "tool_choice", "response_format"],
      inputModalities: ["text", "image"],
      created: addedAt,
    },
    timeToFirstTokenMilliseconds: 450,
    tokensPerSecond: 70,
    prefersToolCalls: false,
    reasons: false,
  },
  {
    model: {
      id: "simulated/sage-thinker",
      providerModelId: "sage-thinker",
      name: "Simulated: Sage Thinker",
      description:
        "A simulated reasoning model built into Switchyard that shows its reasoning: it thinks out loud before each answer, returns the thinking as reasoning and bills it as reasoning tokens. Both are generated locally, not by a real model.",
      contextLength: 128_000,
      maxOutputTokens: 16_384,
      pricing: { promptPerMillion: 1_000_000, completionPerMillion: 4_000_000, reasoningPerMillion: 4_000_000 },
      supportedParameters: [...samplingParameters, ...toolParameters, "response_format", "structured_outputs", "reasoning", "include_reasoning"],
      inputModalities: ["text"],
      created: addedAt,
    },
    timeToFirstTokenMilliseconds: 400,
    tokensPerSecond: 60,
    prefersToolCalls: false,
    reasons: true,
  },
];

/** Accepts the provider's own id (what the gateway sends) or the canonical id. */
export function findSimulatedModel(modelId: string): SimulatedModel | undefined {
  return simulatedModels.find((entry) => entry.model.providerModelId === modelId || entry.model.id === modelId);
}
