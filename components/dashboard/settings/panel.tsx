import type { ReactNode } from "react";

/** Shared look of the settings and admin pages: one bordered card per concern. */
export const INPUT_CLASS =
  "w-full min-w-0 rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm text-zinc-900 placeholder:text-zinc-400 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100";
export const PRIMARY_BUTTON_CLASS =
  "inline-flex items-center justify-center rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";
export const SECONDARY_BUTTON_CLASS =
  "inline-flex items-center justify-center rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:border-zinc-600 dark:text-zinc-200 dark:hover:bg-zinc-800";
export const DANGER_BUTTON_CLASS =
  "inline-flex items-center justify-center rounded-md border border-red-300 px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-red-600 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950";
export const LABEL_CLASS = "text-xs font-medium text-zinc-600 dark:text-zinc-300";

export function Panel({ title, description, children, testId, id }: { title: string; description?: ReactNode; children: ReactNode; testId: string; id?: string }) {
  return (
    <section id={id} className="rounded-lg border border-zinc-200 bg-white p-4 sm:p-5 dark:border-zinc-800 dark:bg-zinc-950" data-testid={testId} aria-labelledby={`${testId}-title`}>
      <h2 id={`${testId}-title`} className="text-base font-semibold tracking-tight">
        {title}
      </h2>
      {description ? <div className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{description}</div> : null}
      <div className="mt-4">{children}</div>
    </section>
  );
}

export function ErrorNote({ message, testId }: { message: string | null | undefined; testId?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="text-sm text-red-700 dark:text-red-400" data-testid={testId}>
      {message}
    </p>
  );
}

export function StatusNote({ message, testId }: { message: string | null | undefined; testId?: string }) {
  if (!message) return null;
  return (
    <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400" data-testid={testId}>
      {message}
    </p>
  );
}

export function Badge({ tone, children, testId }: { tone: "green" | "zinc" | "amber" | "indigo" | "red"; children: ReactNode; testId?: string }) {
  const tones = {
    green: "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-950 dark:text-emerald-300",
    zinc: "bg-zinc-100 text-zinc-700 ring-zinc-500/20 dark:bg-zinc-800 dark:text-zinc-300",
    amber: "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-950 dark:text-amber-300",
    indigo: "bg-indigo-50 text-indigo-700 ring-indigo-600/20 dark:bg-indigo-950 dark:text-indigo-300",
    red: "bg-red-50 text-red-700 ring-red-600/20 dark:bg-red-950 dark:text-red-300",
  } as const;
  return (
    <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`} data-testid={testId}>
      {children}
    </span>
  );
}
