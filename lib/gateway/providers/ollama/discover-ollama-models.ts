import type { ProviderModel } from "../provider";
import { ollamaOpenAIModelsSchema, ollamaTagsSchema } from "./ollama-api";

/**
 * Ollama serves every model with the context window it was loaded with,
 * 4096 tokens unless the server's OLLAMA_CONTEXT_LENGTH says otherwise; the
 * model list does not tell, so the default is assumed.
 * @see https://github.com/ollama/ollama/blob/main/docs/faq.md#how-can-i-specify-the-context-window-size
 */
const OLLAMA_DEFAULT_CONTEXT_LENGTH = 4096;

/**
 * What Ollama's OpenAI-compatible endpoint accepts (no tool_choice).
 * @see https://github.com/ollama/ollama/blob/main/docs/openai.md#supported-request-fields
 */
const OLLAMA_PARAMETERS = ["tools", "max_tokens", "temperature", "top_p", "stop", "frequency_penalty", "presence_penalty", "seed", "response_format"];

/**
 * The models installed on an Ollama server: `/api/tags` first (it has the
 * details), `/v1/models` for servers that only speak the OpenAI dialect.
 * Throws when neither answers; the caller decides what that means.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#list-local-models
 */
export async function discoverOllamaModels(origin: string, signal: AbortSignal): Promise<ProviderModel[]> {
  let tagsError: unknown;
  try {
    const tags = ollamaTagsSchema.parse(await getJson(`${origin}/api/tags`, signal));
    return tags.models.map((entry) => convertOllamaModel(entry.name, parseCreated(entry.modified_at)));
  } catch (error) {
    if (signal.aborted) throw error;
    tagsError = error;
  }
  try {
    const list = ollamaOpenAIModelsSchema.parse(await getJson(`${origin}/v1/models`, signal));
    return list.data.map((entry) => convertOllamaModel(entry.id, entry.created ?? undefined));
  } catch (error) {
    throw new AggregateError([tagsError, error], `Could not list the models of the Ollama server at ${origin}.`);
  }
}

/**
 * `llama3.2:latest` becomes `ollama/llama3.2`, as people name it; any other
 * tag (`qwen3:8b`) stays part of the id.
 */
export function convertOllamaModel(name: string, created: number | undefined): ProviderModel {
  const shortName = name.endsWith(":latest") ? name.slice(0, -":latest".length) : name;
  return {
    id: `ollama/${shortName}`,
    providerModelId: name,
    name: `Ollama: ${shortName}`,
    contextLength: OLLAMA_DEFAULT_CONTEXT_LENGTH,
    maxOutputTokens: null,
    pricing: { promptPerMillion: 0, completionPerMillion: 0 },
    supportedParameters: OLLAMA_PARAMETERS,
    inputModalities: ["text"],
    ...(created === undefined ? {} : { created }),
  };
}

async function getJson(url: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { headers: { accept: "application/json" }, signal });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`GET ${url} returned ${response.status}.`);
  }
  return response.json();
}

function parseCreated(modifiedAt: string | null | undefined): number | undefined {
  if (!modifiedAt) return undefined;
  const milliseconds = Date.parse(modifiedAt);
  return Number.isNaN(milliseconds) ? undefined : Math.floor(milliseconds / 1000);
}
