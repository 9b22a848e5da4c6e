/** A failure in plain words next to what failed; role=alert so a screen reader hears it. */
export function InlineError({ message, testId }: { message: string | null | undefined; testId?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-300" data-testid={testId}>
      {message}
    </p>
  );
}
