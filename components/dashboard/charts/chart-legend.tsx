export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

export function ChartLegend({ series, testId }: { series: readonly ChartSeries[]; testId?: string }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400" data-testid={testId}>
      {series.map((entry) => (
        <li key={entry.key} className="flex min-w-0 items-center gap-1.5">
          <span aria-hidden className="size-2.5 shrink-0 rounded-sm" style={{ backgroundColor: entry.color }} />
          <span className="truncate" title={entry.label}>
            {entry.label}
          </span>
        </li>
      ))}
    </ul>
  );
}
