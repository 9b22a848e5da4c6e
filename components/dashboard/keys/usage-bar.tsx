import { formatMicros } from "../shared/format-money";
import { RESET_LABELS, type ApiKeyJson } from "./keys-api";

/** What a key has spent against its limit this period, as a bar that turns amber then red as it fills. */
export function UsageBar({ apiKey }: { apiKey: ApiKeyJson }) {
  if (apiKey.limitMicros === null) {
    return (
      <div className="text-sm" data-testid="key-limit">
        <span className="text-zinc-500 dark:text-zinc-400">No limit</span>
        <span className="text-zinc-500 dark:text-zinc-400"> · spent {formatMicros(apiKey.usageMicros)}</span>
      </div>
    );
  }
  const limit = BigInt(apiKey.limitMicros);
  const used = BigInt(apiKey.usageMicros);
  // Per-mille in integers: the amounts are exact, and a float of a BigInt may not be.
  const fillPerMille = limit === 0n ? 1000 : Number(used >= limit ? 1000n : (used * 1000n) / limit);
  const color = fillPerMille >= 1000 ? "bg-red-500" : fillPerMille >= 800 ? "bg-amber-500" : "bg-indigo-500";
  const period = apiKey.limitReset ? RESET_LABELS[apiKey.limitReset] : "in total";
  return (
    <div className="flex min-w-0 flex-col gap-1" data-testid="key-limit">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
        <span>
          <span className="font-medium">{formatMicros(limit)}</span> <span className="text-zinc-500 dark:text-zinc-400">{period}</span>
        </span>
        <span className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="key-remaining">
          {formatMicros(apiKey.remainingMicros ?? "0")} left
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={`Spent ${formatMicros(used)} of ${formatMicros(limit)} ${period}`}
        aria-valuemin={0}
        aria-valuemax={1000}
        aria-valuenow={fillPerMille}
        className="h-1.5 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div className={`h-full rounded-full ${color}`} style={{ width: `${Math.max(fillPerMille / 10, used > 0n ? 1 : 0)}%` }} />
      </div>
    </div>
  );
}
