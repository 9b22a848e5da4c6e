import { z } from "zod";
import { InvalidRequestError } from "../../errors";

/** The `format` OpenRouter gives reasoning details that only Anthropic can take back. */
export const ANTHROPIC_REASONING_FORMAT = "anthropic-claude-v1";

/**
 * One entry of OpenRouter's `reasoning_details`: a thinking block's text and
 * signature, or a redacted_thinking block's opaque data. `index` is the
 * block's position among the message's reasoning blocks; streamed entries of
 * one block share it.
 * @see https://openrouter.ai/docs/use-cases/reasoning-tokens#reasoning-details
 */
export type AnthropicReasoningDetail =
  | { type: "reasoning.text"; text?: string; signature?: string; format: typeof ANTHROPIC_REASONING_FORMAT; index: number }
  | { type: "reasoning.encrypted"; data: string; format: typeof ANTHROPIC_REASONING_FORMAT; index: number };

export function reasoningTextDetail(index: number, fields: { text?: string; signature?: string }): AnthropicReasoningDetail {
  return { type: "reasoning.text", ...fields, format: ANTHROPIC_REASONING_FORMAT, index };
}

export function encryptedReasoningDetail(index: number, data: string): AnthropicReasoningDetail {
  return { type: "reasoning.encrypted", data, format: ANTHROPIC_REASONING_FORMAT, index };
}

/** What a client sends back: loose, since other providers' entries ride along in the same array. */
const clientReasoningDetailsSchema = z.array(
  z.looseObject({
    type: z.string(),
    text: z.string().nullish(),
    signature: z.string().nullish(),
    data: z.string().nullish(),
    format: z.string().nullish(),
    index: z.number().nullish(),
  }),
);

type Block = Record<string, unknown>;

/**
 * An assistant message's `reasoning_details` as the thinking and
 * redacted_thinking blocks that open its Anthropic turn, as Anthropic needs
 * them back verbatim when thinking and tool use span turns. Consecutive
 * `reasoning.text` entries of one index (a streamed block: text fragments,
 * then its signature) become one block.
 *
 * Skipped, not sent: entries of another provider's format and of other types
 * (a conversation may switch models; that state means nothing to Anthropic),
 * and thinking without a signature, which Anthropic rejects because it cannot
 * verify that Claude wrote it; the API then answers as if the thinking had
 * been left out, which it allows for every turn but a tool-use continuation.
 * @see https://docs.claude.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks
 * @see https://openrouter.ai/docs/use-cases/reasoning-tokens#preserving-reasoning-blocks
 */
export function convertReasoningDetailsToAnthropicBlocks(details: unknown, position: number): Block[] {
  if (details == null) return [];
  const parsed = clientReasoningDetailsSchema.safeParse(details);
  if (!parsed.success) {
    throw new InvalidRequestError(`messages[${position}]: reasoning_details must be an array of objects with a string type.`, {
      param: "messages",
    });
  }

  const blocks: Array<{ block: Block; index: number | null | undefined }> = [];
  for (const detail of parsed.data) {
    if (detail.format != null && detail.format !== ANTHROPIC_REASONING_FORMAT) continue;
    if (detail.type === "reasoning.encrypted") {
      if (detail.data) blocks.push({ block: { type: "redacted_thinking", data: detail.data }, index: detail.index });
      continue;
    }
    if (detail.type !== "reasoning.text") continue;
    const last = blocks.at(-1);
    if (last && last.block.type === "thinking" && detail.index != null && last.index === detail.index) {
      last.block.thinking = String(last.block.thinking) + (detail.text ?? "");
      if (detail.signature) last.block.signature = detail.signature;
    } else {
      blocks.push({
        block: { type: "thinking", thinking: detail.text ?? "", ...(detail.signature ? { signature: detail.signature } : {}) },
        index: detail.index,
      });
    }
  }
  return blocks.map(({ block }) => block).filter((block) => block.type !== "thinking" || typeof block.signature === "string");
}
