"use client";

import type { ChatMessageMetadata } from "@/lib/chat/chat-contract";
import { formatCost, formatDuration } from "./format-numbers";

/**
 * The numbers OpenRouter's chatroom shows under a reply. Everything is
 * optional because metadata only arrives when the reply ends, and a stopped
 * or failed reply may not have it all.
 */
export function ReplyStats({ metadata, modelName }: { metadata: ChatMessageMetadata | undefined; modelName: string }) {
  if (!metadata) return null;
  const hasTokens = metadata.promptTokens !== undefined || metadata.completionTokens !== undefined;
  return (
    <dl data-testid="reply-stats" className="flex flex-wrap gap-x-3 gap-y-0.5 text-[11px] text-zinc-500 tabular-nums dark:text-zinc-400">
      <Stat label="Model">
        {modelName}
        {metadata.provider ? ` · ${metadata.provider}` : ""}
      </Stat>
      {hasTokens ? (
        <Stat label="Tokens" testId="reply-tokens">
          {`${metadata.promptTokens ?? 0} in · ${metadata.completionTokens ?? 0} out`}
          {metadata.reasoningTokens ? ` (${metadata.reasoningTokens} reasoning)` : ""}
        </Stat>
      ) : null}
      {metadata.cost !== undefined ? (
        <Stat label="Cost" testId="reply-cost">
          {formatCost(metadata.cost)}
        </Stat>
      ) : null}
      {metadata.timeToFirstTokenMs != null ? <Stat label="First token">{formatDuration(metadata.timeToFirstTokenMs)}</Stat> : null}
      {metadata.latencyMs !== undefined ? <Stat label="Latency">{formatDuration(metadata.latencyMs)}</Stat> : null}
      {metadata.tokensPerSecond != null ? <Stat label="Speed">{`${metadata.tokensPerSecond.toFixed(1)} tok/s`}</Stat> : null}
    </dl>
  );
}

function Stat({ label, testId, children }: { label: string; testId?: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-1" data-testid={testId}>
      <dt className="sr-only sm:not-sr-only sm:text-zinc-400 dark:sm:text-zinc-500">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
