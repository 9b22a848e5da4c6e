import { microsToDollars } from "../gateway/usage/compute-cost";
import type { ChatMessageMetadata } from "./chat-contract";

/** What the chatroom shows of a recorded generation. */
export interface RecordedGeneration {
  id: string;
  model: string;
  providerName: string;
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  costMicros: bigint;
  timeToFirstTokenMs: number | null;
  latencyMs: number | null;
  finishReason: string | null;
}

/** Reply stats from the generation as recorded and billed; tokens per second count from the first token. */
export function toReplyMetadata(generation: RecordedGeneration): ChatMessageMetadata {
  const latencyMs = generation.latencyMs ?? 0;
  const streamingMs = generation.timeToFirstTokenMs === null ? 0 : latencyMs - generation.timeToFirstTokenMs;
  return {
    model: generation.model,
    provider: generation.providerName,
    generationId: generation.id,
    promptTokens: generation.promptTokens,
    completionTokens: generation.completionTokens,
    reasoningTokens: generation.reasoningTokens,
    cost: microsToDollars(generation.costMicros),
    costMicros: generation.costMicros.toString(),
    timeToFirstTokenMs: generation.timeToFirstTokenMs,
    latencyMs,
    tokensPerSecond: streamingMs > 0 ? Math.round((generation.completionTokens / streamingMs) * 10_000) / 10 : null,
    finishReason: generation.finishReason,
  };
}
