import Link from "next/link";
import type { ReactNode } from "react";
import type { GenerationDetailJson } from "@/app/api/generations/to-generation-json";
import { formatCost, formatDuration } from "@/components/chat/format-numbers";
import { EstimatedBadge, StatusBadge } from "./status-badge";

const cardClass = "rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900";

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">{label}</dt>
      <dd className="mt-0.5 truncate tabular-nums" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** Stored prompts are JSON message lists or plain text; JSON is shown indented. */
function readable(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function GenerationDetailView({ generation }: { generation: GenerationDetailJson }) {
  const createdAt = new Date(generation.createdAt);
  return (
    <div className="flex flex-col gap-4" data-testid="log-detail">
      <div className="flex flex-col gap-1">
        <Link href="/logs" className="text-sm text-indigo-700 hover:underline dark:text-indigo-300" data-testid="log-detail-back">
          ← Logs
        </Link>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="break-all font-mono text-lg font-semibold">{generation.model}</h1>
          <StatusBadge status={generation.status} httpStatus={generation.httpStatus} />
        </div>
        <p className="text-xs text-zinc-500">
          <time dateTime={generation.createdAt}>{createdAt.toUTCString()}</time> · <span className="font-mono">{generation.id}</span>
        </p>
      </div>

      {generation.errorMessage ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200" data-testid="log-detail-error">
          {generation.errorMessage}
        </p>
      ) : null}

      <section className={cardClass}>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          <Fact label="Cost" testId="detail-cost">
            {formatCost(generation.cost)}
            {generation.byok ? <span className="ml-1 text-xs text-zinc-500">(BYOK fee)</span> : null}
          </Fact>
          <Fact label="Time to first token" testId="detail-ttft">
            {generation.timeToFirstTokenMs === null ? "–" : formatDuration(generation.timeToFirstTokenMs)}
          </Fact>
          <Fact label="Latency" testId="detail-latency">
            {generation.latencyMs === null ? "–" : formatDuration(generation.latencyMs)}
          </Fact>
          <Fact label="Throughput" testId="detail-throughput">
            {generation.tokensPerSecond === null ? "–" : `${generation.tokensPerSecond.toLocaleString("en-US", { maximumFractionDigits: 1 })} tok/s`}
          </Fact>
          <Fact label="Provider" testId="detail-provider">
            {generation.providerName} <span className="font-mono text-xs text-zinc-500">{generation.providerModel}</span>
          </Fact>
          <Fact label="Requested model">
            <span className="font-mono text-sm">{generation.requestedModel}</span>
          </Fact>
          <Fact label="Finish reason" testId="detail-finish-reason">
            {generation.finishReason ?? "–"}
            {generation.nativeFinishReason && generation.nativeFinishReason !== generation.finishReason ? <span className="ml-1 text-xs text-zinc-500">({generation.nativeFinishReason})</span> : null}
          </Fact>
          <Fact label="API key">{generation.apiKeyName ?? "Chatroom"}</Fact>
        </dl>
      </section>

      <section className={cardClass} data-testid="detail-tokens">
        <div className="mb-3 flex items-center gap-2">
          <h2 className="text-sm font-medium">Tokens</h2>
          {generation.usageEstimated ? <EstimatedBadge /> : null}
          {generation.streamed ? <span className="text-xs text-zinc-500">streamed</span> : null}
          {generation.cancelled ? <span className="text-xs text-amber-700 dark:text-amber-400">cancelled by the client</span> : null}
        </div>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          <Fact label="Prompt" testId="detail-prompt-tokens">
            {generation.promptTokens.toLocaleString("en-US")}
          </Fact>
          <Fact label="Completion" testId="detail-completion-tokens">
            {generation.completionTokens.toLocaleString("en-US")}
          </Fact>
          <Fact label="Reasoning" testId="detail-reasoning-tokens">
            {generation.reasoningTokens.toLocaleString("en-US")}
          </Fact>
          <Fact label="Cached" testId="detail-cached-tokens">
            {generation.cachedTokens.toLocaleString("en-US")}
            {generation.cacheWriteTokens > 0 ? <span className="ml-1 text-xs text-zinc-500">+{generation.cacheWriteTokens.toLocaleString("en-US")} written</span> : null}
          </Fact>
        </dl>
      </section>

      <section className={cardClass} data-testid="detail-attempts">
        <h2 className="mb-2 text-sm font-medium">Providers tried</h2>
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="text-left text-xs text-zinc-500">
              <tr>
                <th className="py-1 pr-3 font-medium">Provider</th>
                <th className="py-1 pr-3 font-medium">Model</th>
                <th className="py-1 pr-3 font-medium">Status</th>
                <th className="py-1 pr-3 text-right font-medium">Latency</th>
                <th className="py-1 font-medium">Error</th>
              </tr>
            </thead>
            <tbody>
              {generation.attempts.map((attempt, index) => (
                <tr key={index} className="border-t border-zinc-100 dark:border-zinc-800" data-testid="detail-attempt">
                  <td className="py-1.5 pr-3">{attempt.providerId}</td>
                  <td className="py-1.5 pr-3 font-mono text-xs">{attempt.model}</td>
                  <td className="py-1.5 pr-3 tabular-nums text-red-700 dark:text-red-400">{attempt.status ?? "no response"}</td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">{attempt.latencyMs === null ? "–" : formatDuration(attempt.latencyMs)}</td>
                  <td className="py-1.5 text-zinc-600 dark:text-zinc-400">{attempt.error ?? ""}</td>
                </tr>
              ))}
              <tr className="border-t border-zinc-100 dark:border-zinc-800" data-testid="detail-attempt">
                <td className="py-1.5 pr-3 font-medium">{generation.providerName}</td>
                <td className="py-1.5 pr-3 font-mono text-xs">{generation.providerModel}</td>
                <td className="py-1.5 pr-3 tabular-nums">{generation.httpStatus ?? generation.status}</td>
                <td className="py-1.5 pr-3 text-right tabular-nums">{generation.latencyMs === null ? "–" : formatDuration(generation.latencyMs)}</td>
                <td className="py-1.5 text-zinc-600 dark:text-zinc-400">{generation.status === "success" ? "served" : (generation.errorMessage ?? "")}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </section>

      {generation.content ? (
        <section className="grid gap-4 lg:grid-cols-2" data-testid="detail-content">
          <div className={cardClass}>
            <h2 className="mb-2 text-sm font-medium">Prompt</h2>
            <pre className="max-h-96 overflow-auto whitespace-pre-wrap break-words text-xs" data-testid="detail-prompt">
              {readable(generation.content.prompt)}
            </pre>
          </div>
          <div className={cardClass}>
            <h2 className="mb-2 text-sm font-medium">Reply</h2>
            <pre className="max-h-96 overflow-auto whitespace-pre-wrap break-words text-xs" data-testid="detail-completion">
              {generation.content.completion}
            </pre>
          </div>
          <p className="text-xs text-zinc-500 lg:col-span-2">Kept until {new Date(generation.content.expiresAt).toUTCString()}.</p>
        </section>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="detail-content-off">
          The prompt and reply were not kept: prompt logging is off, or they have expired. You can turn it on in{" "}
          <Link href="/settings" className="text-indigo-700 underline dark:text-indigo-300">
            Settings
          </Link>
          .
        </p>
      )}
    </div>
  );
}
