"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { activityQueryKey, fetchActivity } from "./activity-api";
import { ActivityCharts } from "./activity-charts";
import { presetRange, type ActivityRange } from "./activity-range";
import { DateRangePicker } from "./date-range-picker";
import { StatTiles } from "./stat-tiles";
import { UsageBreakdownTable } from "./usage-breakdown-table";

export function ActivityDashboard() {
  const [range, setRange] = useState<ActivityRange>(() => presetRange("7d"));
  const query = useQuery({
    queryKey: activityQueryKey(range),
    queryFn: () => fetchActivity(range),
    // The old range stays on screen while the new one loads, instead of a flash of skeletons.
    placeholderData: keepPreviousData,
  });
  const activity = query.data;

  return (
    <div className="flex flex-col gap-4" data-testid="activity-page">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">Activity</h1>
        <DateRangePicker range={range} onChange={setRange} />
      </div>
      {query.isError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {query.error.message}
        </p>
      ) : null}
      {!activity ? (
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" aria-busy="true" data-testid="activity-loading">
          {Array.from({ length: 4 }, (_, index) => (
            <div key={index} className="h-20 animate-pulse rounded-lg bg-zinc-200 dark:bg-zinc-800" />
          ))}
        </div>
      ) : activity.totals.requests === 0 ? (
        <div className="rounded-lg border border-dashed border-zinc-300 p-10 text-center dark:border-zinc-700" data-testid="activity-empty">
          <p className="font-medium">No usage in this range</p>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Send a message in the{" "}
            <Link href="/chat" className="text-indigo-600 underline dark:text-indigo-400">
              chatroom
            </Link>{" "}
            or call the API with one of your{" "}
            <Link href="/keys" className="text-indigo-600 underline dark:text-indigo-400">
              API keys
            </Link>
            , and your spend, tokens and requests show up here.
          </p>
        </div>
      ) : (
        <div className={`flex flex-col gap-4 transition-opacity ${query.isPlaceholderData ? "opacity-60" : ""}`}>
          <StatTiles totals={activity.totals} />
          <ActivityCharts activity={activity} />
          <UsageBreakdownTable activity={activity} />
        </div>
      )}
    </div>
  );
}
