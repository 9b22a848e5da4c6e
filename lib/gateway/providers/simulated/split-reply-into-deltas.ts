import type { ChunkChoice } from "../../chat-types";
import { createRandomFor } from "./create-random";
import type { PlannedReply } from "./plan-reply";
import { countTokens, splitIntoTokenPieces } from "./tokenize";

export interface ReplyDelta {
  delta: ChunkChoice["delta"];
  /** Tokens this delta carries, which is what its generation time depends on. */
  tokenCount: number;
}

/**
 * Cuts a planned reply into stream deltas of one to three tokens, as real
 * models emit them. Reasoning, when returned, comes first as `reasoning`
 * deltas, as OpenRouter streams it. Tool calls follow OpenAI's stream: a
 * first delta with the call's index, id, type, name and empty arguments, then
 * argument fragments. The first delta carries the assistant role.
 * @see https://platform.openai.com/docs/guides/function-calling#streaming
 * @see https://openrouter.ai/docs/use-cases/reasoning-tokens
 */
export function splitReplyIntoDeltas(reply: PlannedReply): ReplyDelta[] {
  const random = createRandomFor(reply.seed, "chunking");
  const nextSize = () => random.integer(1, 3);
  const deltas: ReplyDelta[] = [];
  for (const fragment of groupTokenPieces(reply.reasoning ?? "", nextSize)) {
    deltas.push({ delta: { reasoning: fragment.text }, tokenCount: fragment.tokenCount });
  }

  if (reply.toolCalls.length > 0) {
    reply.toolCalls.forEach((call, index) => {
      deltas.push({
        delta: {
          tool_calls: [{ index, id: call.id, type: "function", function: { name: call.function.name, arguments: "" } }],
        },
        tokenCount: countTokens(call.function.name),
      });
      for (const fragment of groupTokenPieces(call.function.arguments, nextSize)) {
        deltas.push({ delta: { tool_calls: [{ index, function: { arguments: fragment.text } }] }, tokenCount: fragment.tokenCount });
      }
    });
    const first = deltas[0];
    if (first) first.delta = { role: "assistant", content: null, ...first.delta };
    return deltas;
  }

  for (const fragment of groupTokenPieces(reply.content ?? "", nextSize)) {
    deltas.push({ delta: { content: fragment.text }, tokenCount: fragment.tokenCount });
  }
  const first = deltas[0];
  if (first) first.delta = { role: "assistant", ...first.delta };
  else deltas.push({ delta: { role: "assistant", content: "" }, tokenCount: 0 });
  return deltas;
}

function groupTokenPieces(text: string, nextSize: () => number): Array<{ text: string; tokenCount: number }> {
  const groups: Array<{ text: string; tokenCount: number }> = [];
  let current = { text: "", tokenCount: 0 };
  let size = nextSize();
  for (const piece of splitIntoTokenPieces(text)) {
    current.text += piece.text;
    current.tokenCount += piece.tokenCount;
    if (current.tokenCount >= size) {
      groups.push(current);
      current = { text: "", tokenCount: 0 };
      size = nextSize();
    }
  }
  if (current.tokenCount > 0) groups.push(current);
  return groups;
}
