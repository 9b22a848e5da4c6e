const STYLES: Record<string, string> = {
  success: "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-950 dark:text-emerald-300",
  error: "bg-red-50 text-red-700 ring-red-600/20 dark:bg-red-950 dark:text-red-300",
  cancelled: "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-950 dark:text-amber-300",
};

export function StatusBadge({ status, httpStatus }: { status: string; httpStatus?: number | null }) {
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status] ?? STYLES.cancelled}`} data-testid="status-badge">
      {status}
      {httpStatus && status === "error" ? <span className="tabular-nums opacity-75">{httpStatus}</span> : null}
    </span>
  );
}

/** Shown where token counts were estimated by Switchyard because the provider reported none. */
export function EstimatedBadge() {
  return (
    <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-[10px] font-medium uppercase tracking-wide text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400" title="The provider reported no usage; Switchyard counted the tokens itself." data-testid="estimated-badge">
      estimated
    </span>
  );
}
