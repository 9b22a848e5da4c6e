import type { ChatCompletionRequest } from "../../schema/chat-completion-request";
import { contentPartsOf } from "./read-message-content";
import { countTokens } from "./tokenize";

/**
 * Counts prompt tokens the way OpenAI's cookbook does for ChatML models: each
 * message costs `<|im_start|>{role}\n{content}<|im_end|>\n` (three tokens of
 * framing plus the role and content), and the reply is primed with three more.
 * Tool definitions and a response JSON schema are serialized into the prompt,
 * as real providers inject them into the system prompt.
 * @see https://cookbook.openai.com/examples/how_to_count_tokens_with_tiktoken
 */
export const tokensPerMessage = 3;
export const tokensPerName = 1;
export const replyPrimingTokens = 3;

/**
 * A fixed cost per image, since the simulation never decodes one: OpenAI's
 * price for a low-detail image, and for a 1024x1024 image at high detail.
 * @see https://platform.openai.com/docs/guides/images-vision#calculating-costs
 */
export const imageTokensLowDetail = 85;
export const imageTokensHighDetail = 765;

export function countPromptTokens(request: ChatCompletionRequest): number {
  let total = replyPrimingTokens;
  for (const message of request.messages) {
    total += tokensPerMessage + countTokens(message.role);
    if ("name" in message && typeof message.name === "string") total += tokensPerName + countTokens(message.name);
    for (const part of contentPartsOf(message)) {
      if (part.type === "text") total += countTokens(part.text);
      else if (part.type === "refusal") total += countTokens(part.refusal);
      else if (part.type === "image_url") total += part.image_url.detail === "low" ? imageTokensLowDetail : imageTokensHighDetail;
      // Audio and file parts are rejected before counting (see check-request-support).
    }
    if (message.role === "assistant") {
      for (const toolCall of message.tool_calls ?? []) {
        total += countTokens(toolCall.function.name) + countTokens(toolCall.function.arguments);
      }
    }
  }
  if (request.tools && request.tools.length > 0) {
    total += countTokens(JSON.stringify(request.tools.map((tool) => tool.function)));
  }
  if (request.response_format?.type === "json_schema" && request.response_format.json_schema.schema) {
    total += countTokens(JSON.stringify(request.response_format.json_schema.schema));
  }
  return total;
}
