import type { ReactNode } from "react";

export function AuthCard({ title, testId, children, footer }: { title: string; testId: string; children: ReactNode; footer: ReactNode }) {
  return (
    <main className="flex justify-center px-4 py-12 sm:py-20" data-testid={testId}>
      <div className="flex w-full max-w-sm flex-col gap-6 rounded-xl border border-zinc-200 bg-white p-6 shadow-sm sm:p-8 dark:border-zinc-800 dark:bg-zinc-900/60">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {children}
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{footer}</p>
      </div>
    </main>
  );
}
