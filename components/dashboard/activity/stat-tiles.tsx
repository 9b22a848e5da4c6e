import type { UsageJson } from "@/app/api/activity/to-activity-json";
import { formatCost, formatDuration } from "@/components/chat/format-numbers";
import { formatCount, formatTokens } from "./format-usage";

export function StatTiles({ totals }: { totals: UsageJson }) {
  const tiles = [
    { id: "spend", label: "Spend", value: formatCost(totals.spend), detail: null },
    { id: "requests", label: "Requests", value: formatCount(totals.requests), detail: null },
    {
      id: "tokens",
      label: "Tokens",
      value: formatTokens(totals.promptTokens + totals.completionTokens),
      detail: `${formatTokens(totals.promptTokens)} in · ${formatTokens(totals.completionTokens)} out`,
    },
    { id: "latency", label: "Avg latency", value: totals.averageLatencyMs === null ? "–" : formatDuration(totals.averageLatencyMs), detail: null },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {tiles.map((tile) => (
        <div key={tile.id} className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900" data-testid={`stat-${tile.id}`}>
          <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">{tile.label}</dt>
          <dd className="mt-1 text-xl font-semibold tabular-nums" data-testid={`stat-${tile.id}-value`}>
            {tile.value}
          </dd>
          {tile.detail ? <dd className="text-xs text-zinc-500 tabular-nums">{tile.detail}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
