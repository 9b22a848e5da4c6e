import type { Activity, UsageGroup, UsageTotals } from "@/lib/db/activity-queries";
import { microsToDollars } from "@/lib/gateway/usage/compute-cost";

/** Usage as the dashboard reads it: dollars as numbers, times as ISO strings. */
export function toUsageJson(totals: UsageTotals) {
  return {
    spend: microsToDollars(totals.spendMicros),
    requests: totals.requests,
    promptTokens: totals.promptTokens,
    completionTokens: totals.completionTokens,
    reasoningTokens: totals.reasoningTokens,
    cachedTokens: totals.cachedTokens,
    averageLatencyMs: totals.latencyCount === 0 ? null : totals.latencyMsTotal / totals.latencyCount,
  };
}

function toGroupJson(group: UsageGroup) {
  return { id: group.id, label: group.label, ...toUsageJson(group) };
}

function mapValues(record: Record<string, UsageTotals>) {
  return Object.fromEntries(Object.entries(record).map(([key, totals]) => [key, toUsageJson(totals)]));
}

export function toActivityJson(activity: Activity) {
  return {
    from: activity.from.toISOString(),
    to: activity.to.toISOString(),
    granularity: activity.granularity,
    totals: toUsageJson(activity.totals),
    byModel: activity.byModel.map(toGroupJson),
    byProvider: activity.byProvider.map(toGroupJson),
    byApiKey: activity.byApiKey.map(toGroupJson),
    buckets: activity.buckets.map((bucket) => ({
      start: bucket.start.toISOString(),
      ...toUsageJson(bucket.totals),
      byModel: mapValues(bucket.byModel),
      byProvider: mapValues(bucket.byProvider),
    })),
  };
}

export type ActivityJson = ReturnType<typeof toActivityJson>;
export type UsageJson = ReturnType<typeof toUsageJson>;
export type UsageGroupJson = ActivityJson["byModel"][number];
export type UsageBucketJson = ActivityJson["buckets"][number];
