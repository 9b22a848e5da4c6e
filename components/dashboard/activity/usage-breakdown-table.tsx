"use client";

import { useState } from "react";
import type { ActivityJson, UsageGroupJson } from "@/app/api/activity/to-activity-json";
import { formatCost } from "@/components/chat/format-numbers";
import { formatCount, formatTokens } from "./format-usage";

const TABS = [
  { id: "model", label: "Model", rows: (activity: ActivityJson) => activity.byModel },
  { id: "provider", label: "Provider", rows: (activity: ActivityJson) => activity.byProvider },
  { id: "key", label: "API key", rows: (activity: ActivityJson) => activity.byApiKey },
] as const;

type TabId = (typeof TABS)[number]["id"];

/** The numbers behind the charts, one row per model, provider or key, with each one's share of the spend. */
export function UsageBreakdownTable({ activity }: { activity: ActivityJson }) {
  const [tab, setTab] = useState<TabId>("model");
  const rows: readonly UsageGroupJson[] = TABS.find((entry) => entry.id === tab)?.rows(activity) ?? [];
  const totalSpend = activity.totals.spend;
  return (
    <section className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900" data-testid="usage-breakdown">
      <div className="flex items-center justify-between gap-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <h2 className="text-sm font-medium">Breakdown</h2>
        <div role="tablist" aria-label="Group by" className="flex gap-1">
          {TABS.map((entry) => (
            <button
              key={entry.id}
              type="button"
              role="tab"
              aria-selected={tab === entry.id}
              onClick={() => setTab(entry.id)}
              className={`rounded px-2 py-1 text-xs ${tab === entry.id ? "bg-indigo-50 font-semibold text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300" : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"}`}
              data-testid={`breakdown-tab-${entry.id}`}
            >
              {entry.label}
            </button>
          ))}
        </div>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-zinc-500">
            <tr>
              <th className="px-3 py-2 font-medium">{TABS.find((entry) => entry.id === tab)?.label}</th>
              <th className="px-3 py-2 text-right font-medium">Requests</th>
              <th className="hidden whitespace-nowrap px-3 py-2 text-right font-medium sm:table-cell">Tokens in / out</th>
              <th className="px-3 py-2 text-right font-medium">Spend</th>
              <th className="hidden w-32 px-3 py-2 font-medium sm:table-cell">Share</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const share = totalSpend > 0 ? row.spend / totalSpend : 0;
              return (
                <tr key={row.id ?? "none"} className="border-t border-zinc-100 dark:border-zinc-800" data-testid="breakdown-row">
                  <td className="max-w-56 truncate px-3 py-1.5 font-mono text-xs" title={row.label}>
                    {row.label}
                  </td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{formatCount(row.requests)}</td>
                  <td className="hidden whitespace-nowrap px-3 py-1.5 text-right tabular-nums sm:table-cell">
                    {formatTokens(row.promptTokens)} / {formatTokens(row.completionTokens)}
                  </td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{formatCost(row.spend)}</td>
                  <td className="hidden px-3 py-1.5 sm:table-cell">
                    <div className="h-1.5 rounded-full bg-zinc-100 dark:bg-zinc-800" title={`${(share * 100).toFixed(1)}% of spend`}>
                      <div className="h-1.5 rounded-full bg-indigo-500" style={{ width: `${share * 100}%` }} />
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
