export { ANTHROPIC_VERSION, createAnthropicProvider } from "./anthropic-adapter";
export { createAnthropicHttpError, createAnthropicStreamError, type AnthropicErrorContext } from "./anthropic-error";
export { convertAnthropicUsage } from "./convert-anthropic-usage";
export { convertToAnthropicRequest, type AnthropicRequest } from "./convert-to-anthropic-request";
export { mapAnthropicFinishReason } from "./map-anthropic-finish-reason";
