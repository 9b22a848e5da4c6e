"use client";

import type { ActivityJson, UsageJson } from "@/app/api/activity/to-activity-json";
import { formatCost } from "@/components/chat/format-numbers";
import { OTHER_COLOR, seriesColor } from "../charts/chart-colors";
import type { ChartSeries } from "../charts/chart-legend";
import { StackedBarChart, type StackedBar } from "../charts/stacked-bar-chart";
import { bucketAxisLabel, bucketLabel, formatCount, formatTokens } from "./format-usage";

/** Past this many models or providers the rest share one "Other" colour, so the legend stays readable. */
const MAX_SERIES = 6;
const OTHER = "__other__";

/**
 * The top groups by the given measure as chart series, and a function that
 * reads a bucket's per-group map into bar values with the rest summed as Other.
 */
function topSeries(groups: ReadonlyArray<{ id: string | null; label: string }>) {
  const top = groups.slice(0, MAX_SERIES);
  const series: ChartSeries[] = top.map((group, index) => ({ key: group.id ?? "", label: group.label, color: seriesColor(index) }));
  if (groups.length > MAX_SERIES) series.push({ key: OTHER, label: "Other", color: OTHER_COLOR });
  const shown = new Set(series.map((entry) => entry.key));
  const values = (byGroup: Record<string, UsageJson>, measure: (usage: UsageJson) => number) => {
    const result: Record<string, number> = {};
    for (const [key, usage] of Object.entries(byGroup)) {
      const target = shown.has(key) ? key : OTHER;
      result[target] = (result[target] ?? 0) + measure(usage);
    }
    return result;
  };
  return { series, values };
}

export function ActivityCharts({ activity }: { activity: ActivityJson }) {
  const labels = activity.buckets.map((bucket) => {
    const start = new Date(bucket.start);
    return { key: bucket.start, axisLabel: bucketAxisLabel(start, activity.granularity), label: bucketLabel(start, activity.granularity) };
  });

  const models = topSeries(activity.byModel);
  const spendBars: StackedBar[] = activity.buckets.map((bucket, index) => ({ ...labels[index]!, values: models.values(bucket.byModel, (usage) => usage.spend) }));

  const providers = topSeries([...activity.byProvider].sort((a, b) => b.requests - a.requests));
  const requestBars: StackedBar[] = activity.buckets.map((bucket, index) => ({ ...labels[index]!, values: providers.values(bucket.byProvider, (usage) => usage.requests) }));

  const tokenSeries: ChartSeries[] = [
    { key: "prompt", label: "Prompt", color: "#6366f1" },
    { key: "completion", label: "Completion", color: "#14b8a6" },
  ];
  const tokenBars: StackedBar[] = activity.buckets.map((bucket, index) => ({
    ...labels[index]!,
    values: { prompt: bucket.promptTokens, completion: bucket.completionTokens },
  }));

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <div className="min-w-0 rounded-lg border border-zinc-200 bg-white p-3 lg:col-span-2 dark:border-zinc-800 dark:bg-zinc-900">
        <StackedBarChart title="Spend by model" bars={spendBars} series={models.series} formatValue={formatCost} height={220} testId="chart-spend" />
      </div>
      <div className="min-w-0 rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
        <StackedBarChart title="Tokens" bars={tokenBars} series={tokenSeries} formatValue={formatTokens} testId="chart-tokens" />
      </div>
      <div className="min-w-0 rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
        <StackedBarChart title="Requests by provider" bars={requestBars} series={providers.series} formatValue={formatCount} testId="chart-requests" />
      </div>
    </div>
  );
}
