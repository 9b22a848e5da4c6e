export { createOpenAICompatibleAdapter, type OpenAICompatibleAdapterConfig } from "./openai-compatible-adapter";
export {
  createOpenAICompatibleHttpError,
  createOpenAICompatibleInvalidResponseError,
  createOpenAICompatiblePayloadError,
  type ErrorContext,
} from "./openai-compatible-error";
export { rethrowAsUpstreamError } from "../shared/rethrow-as-upstream-error";
export {
  createOpenAICompatibleProvider,
  openAICompatibleProviders,
  resolveBaseUrl,
  type OpenAICompatibleProviderConfig,
  type ProviderSettings,
} from "./providers-config";
export { openAICompatibleChunkSchema, openAICompatibleCompletionSchema, openAICompatibleErrorBodySchema } from "./openai-compatible-api";
