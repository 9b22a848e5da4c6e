export { createOllamaProvider, type OllamaProviderOptions } from "./create-ollama-provider";
export { convertOllamaModel, discoverOllamaModels } from "./discover-ollama-models";
