"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { formatCost, formatDuration } from "@/components/chat/format-numbers";
import { formatTokens } from "../activity/format-usage";
import { LogFiltersBar } from "./log-filters";
import { EMPTY_FILTERS, fetchGenerationPage, logQueryKeys, type LogFilters } from "./logs-api";
import { EstimatedBadge, StatusBadge } from "./status-badge";

const timeFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });

export function GenerationLogTable() {
  const [filters, setFilters] = useState<LogFilters>(EMPTY_FILTERS);
  const query = useInfiniteQuery({
    queryKey: logQueryKeys.page(filters),
    queryFn: ({ pageParam }) => fetchGenerationPage(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
  });
  const rows = query.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <div className="flex flex-col gap-4" data-testid="logs-page">
      <h1 className="text-xl font-semibold">Logs</h1>
      <LogFiltersBar filters={filters} onChange={setFilters} />
      {query.isError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {query.error.message}
        </p>
      ) : null}
      <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full text-sm" data-testid="log-table">
          <thead className="whitespace-nowrap text-left text-xs text-zinc-500">
            <tr>
              <th className="px-2 py-2 font-medium">Time</th>
              <th className="px-2 py-2 font-medium">Model</th>
              <th className="px-2 py-2 font-medium">Provider</th>
              <th className="px-2 py-2 font-medium">Key</th>
              <th className="px-2 py-2 text-right font-medium">Tokens in / out</th>
              <th className="px-2 py-2 text-right font-medium">Cost</th>
              <th className="px-2 py-2 text-right font-medium">Latency</th>
              <th className="px-2 py-2 font-medium">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="relative border-t border-zinc-100 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800/50" data-testid="log-row">
                <td className="whitespace-nowrap px-2 py-2 tabular-nums">
                  {/* The link's box covers the row, so the whole row opens the detail. */}
                  <Link href={`/logs/${encodeURIComponent(row.id)}`} className="after:absolute after:inset-0 focus-visible:outline-2 focus-visible:outline-indigo-600" data-testid="log-row-link">
                    {timeFormat.format(new Date(row.createdAt))}
                  </Link>
                </td>
                <td className="max-w-52 truncate px-2 py-2 font-mono text-xs" title={row.model} data-testid="log-row-model">
                  {row.model}
                </td>
                <td className="whitespace-nowrap px-2 py-2">{row.providerName}</td>
                <td className="max-w-36 truncate px-2 py-2 text-zinc-600 dark:text-zinc-400" title={row.apiKeyName ?? "Chatroom"}>
                  {row.apiKeyName ?? "Chatroom"}
                </td>
                <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">
                  {formatTokens(row.promptTokens)} / {formatTokens(row.completionTokens)}
                  {row.usageEstimated ? <span className="ml-1 align-middle"><EstimatedBadge /></span> : null}
                </td>
                <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums" data-testid="log-row-cost">
                  {formatCost(row.cost)}
                </td>
                <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">{row.latencyMs === null ? "–" : formatDuration(row.latencyMs)}</td>
                <td className="px-2 py-2">
                  <StatusBadge status={row.status} httpStatus={row.httpStatus} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {query.isPending ? <p className="p-6 text-center text-sm text-zinc-500">Loading…</p> : null}
        {query.isSuccess && rows.length === 0 ? (
          <p className="p-8 text-center text-sm text-zinc-600 dark:text-zinc-400" data-testid="logs-empty">
            {Object.values(filters).some(Boolean) ? "No generations match these filters." : "No generations yet. Requests you make in the chatroom or through the API are listed here."}
          </p>
        ) : null}
      </div>
      {query.hasNextPage ? (
        <button
          type="button"
          onClick={() => void query.fetchNextPage()}
          disabled={query.isFetchingNextPage}
          className="self-center rounded-md border border-zinc-300 px-4 py-1.5 text-sm hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800"
          data-testid="logs-load-more"
        >
          {query.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      ) : null}
    </div>
  );
}
