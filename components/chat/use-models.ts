"use client";

import { useQuery } from "@tanstack/react-query";
import type { OpenRouterModel } from "@/lib/gateway/catalog/to-openrouter-models";
import { fetchModels, queryKeys } from "./chat-api";

export function useModels() {
  return useQuery({ queryKey: queryKeys.models, queryFn: fetchModels, staleTime: 5 * 60_000 });
}

export function findModel(models: readonly OpenRouterModel[] | undefined, id: string): OpenRouterModel | undefined {
  return models?.find((model) => model.id === id);
}

export function isFreeModel(model: OpenRouterModel): boolean {
  return Number(model.pricing.prompt) === 0 && Number(model.pricing.completion) === 0;
}

/** Capabilities the picker shows as badges, read from what the catalog says the model accepts. */
export function modelCapabilities(model: OpenRouterModel): Array<"tools" | "images" | "reasoning"> {
  const capabilities: Array<"tools" | "images" | "reasoning"> = [];
  if (model.supported_parameters.includes("tools")) capabilities.push("tools");
  if (model.architecture.input_modalities.includes("image")) capabilities.push("images");
  if (model.supported_parameters.some((parameter) => parameter === "reasoning" || parameter === "include_reasoning")) capabilities.push("reasoning");
  return capabilities;
}

/** The most a reply may ask for: the model's completion cap, else its whole context. */
export function maxOutputTokens(model: OpenRouterModel): number {
  return model.top_provider.max_completion_tokens ?? model.context_length;
}
