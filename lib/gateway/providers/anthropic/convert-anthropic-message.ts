import type { ChatCompletion, CompletionChoice, ToolCall } from "../../chat-types";
import type { AnthropicMessage } from "./anthropic-api";
import { encryptedReasoningDetail, reasoningTextDetail, type AnthropicReasoningDetail } from "./convert-anthropic-reasoning-details";
import { convertAnthropicUsage } from "./convert-anthropic-usage";
import { mapAnthropicFinishReason } from "./map-anthropic-finish-reason";

export interface ConvertOptions {
  /** The model id sent upstream, used when the response leaves it out. */
  model: string;
  /** The forced tool that answers `response_format`, whose input is the reply's text. */
  jsonToolName?: string;
  includeReasoning: boolean;
  id: string;
  created: number;
}

/**
 * A Messages API response as an OpenAI chat completion: text blocks joined
 * into `content`, thinking blocks into `reasoning`, tool_use blocks into
 * `tool_calls` with their input as a JSON string. Thinking and
 * redacted_thinking blocks are also OpenRouter's `reasoning_details`, with
 * the signatures and data a client sends back to continue the conversation.
 * @see https://docs.claude.com/en/api/messages#response-content
 * @see https://openrouter.ai/docs/use-cases/reasoning-tokens#preserving-reasoning-blocks
 */
export function convertAnthropicMessage(message: AnthropicMessage, options: ConvertOptions): ChatCompletion | { problem: string } {
  const texts: string[] = [];
  const thoughts: string[] = [];
  const reasoningDetails: AnthropicReasoningDetail[] = [];
  const toolCalls: ToolCall[] = [];
  let answeredByJsonTool = false;

  for (const block of message.content) {
    if (block.type === "text" && block.text != null) texts.push(block.text);
    else if (block.type === "thinking") {
      if (block.thinking != null) thoughts.push(block.thinking);
      reasoningDetails.push(
        reasoningTextDetail(reasoningDetails.length, { text: block.thinking ?? "", ...(block.signature ? { signature: block.signature } : {}) }),
      );
    } else if (block.type === "redacted_thinking" && block.data) {
      reasoningDetails.push(encryptedReasoningDetail(reasoningDetails.length, block.data));
    } else if (block.type === "tool_use") {
      if (!block.id || !block.name) return { problem: "a tool_use block has no id or name." };
      const input = JSON.stringify(block.input ?? {});
      if (options.jsonToolName !== undefined && block.name === options.jsonToolName) {
        texts.push(input);
        answeredByJsonTool = true;
      } else {
        toolCalls.push({ id: block.id, type: "function", function: { name: block.name, arguments: input } });
      }
    }
  }

  const finishReason = answeredByJsonTool && message.stop_reason === "tool_use" ? "stop" : mapAnthropicFinishReason(message.stop_reason);
  const choice: CompletionChoice = {
    index: 0,
    message: { role: "assistant", content: texts.length > 0 ? texts.join("") : null },
    finish_reason: finishReason,
  };
  if (options.includeReasoning && thoughts.length > 0) choice.message.reasoning = thoughts.join("");
  if (options.includeReasoning && reasoningDetails.length > 0) choice.message.reasoning_details = reasoningDetails;
  if (toolCalls.length > 0) choice.message.tool_calls = toolCalls;

  return {
    id: message.id ?? options.id,
    object: "chat.completion",
    created: options.created,
    model: message.model ?? options.model,
    choices: [choice],
    ...(message.usage ? { usage: convertAnthropicUsage(message.usage) } : {}),
  };
}
