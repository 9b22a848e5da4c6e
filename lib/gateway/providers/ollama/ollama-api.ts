import { z } from "zod";

/**
 * Ollama's two model lists, as little as discovery needs.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#list-local-models
 * @see https://github.com/ollama/ollama/blob/main/docs/openai.md#v1models
 */
export const ollamaTagsSchema = z.looseObject({
  models: z.array(
    z.looseObject({
      name: z.string(),
      model: z.string().nullish(),
      modified_at: z.string().nullish(),
      details: z.looseObject({ family: z.string().nullish(), parameter_size: z.string().nullish() }).nullish(),
    }),
  ),
});

export const ollamaOpenAIModelsSchema = z.looseObject({
  data: z.array(z.looseObject({ id: z.string(), created: z.number().nullish() })),
});

export type OllamaTags = z.infer<typeof ollamaTagsSchema>;
export type OllamaOpenAIModels = z.infer<typeof ollamaOpenAIModelsSchema>;
