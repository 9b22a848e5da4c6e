"use client";

import { formatDateTime } from "../shared/format-date";
import { formatMicros } from "../shared/format-money";
import { InlineError } from "../shared/inline-error";
import { errorText } from "../shared/request-json";
import { CARD, SECONDARY_BUTTON } from "../shared/ui-classes";
import { ledgerKindLabel, type LedgerEntryJson } from "./credits-api";
import { useLedger } from "./use-credits";

/** Every change to the balance, newest first: what came in, what went out, and why. */
export function LedgerList() {
  const ledger = useLedger();
  const entries = ledger.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <section aria-labelledby="ledger-title" data-testid="ledger-section">
      <h2 id="ledger-title" className="mb-3 text-base font-semibold">
        History
      </h2>
      {ledger.isPending ? (
        <div className={`${CARD} h-40 animate-pulse`} aria-label="Loading history" />
      ) : ledger.isError && entries.length === 0 ? (
        <InlineError message={`Your history could not be loaded: ${errorText(ledger.error)}`} testId="ledger-error" />
      ) : entries.length === 0 ? (
        <p className={`${CARD} p-5 text-sm text-zinc-600 dark:text-zinc-400`} data-testid="ledger-empty">
          No credits have come in or gone out yet. Grants, redeemed codes, purchases and what your requests cost will be listed here.
        </p>
      ) : (
        <div className={`${CARD} overflow-hidden`}>
          <div className="hidden grid-cols-[11rem_9rem_minmax(0,1fr)_8rem] gap-4 border-b border-zinc-200 bg-zinc-50 px-4 py-2 text-xs font-medium uppercase tracking-wide text-zinc-500 sm:grid dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400">
            <span>Date</span>
            <span>Type</span>
            <span>Details</span>
            <span className="text-right">Amount</span>
          </div>
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="ledger-list">
            {entries.map((entry) => (
              <LedgerRow key={entry.id} entry={entry} />
            ))}
          </ul>
        </div>
      )}
      {ledger.hasNextPage ? (
        <div className="mt-3 flex justify-center">
          <button type="button" className={SECONDARY_BUTTON} onClick={() => void ledger.fetchNextPage()} disabled={ledger.isFetchingNextPage} data-testid="ledger-more">
            {ledger.isFetchingNextPage ? "Loading…" : "Show older entries"}
          </button>
        </div>
      ) : null}
      {ledger.isFetchNextPageError ? <InlineError message={`Older entries could not be loaded: ${errorText(ledger.error)}`} /> : null}
    </section>
  );
}

function LedgerRow({ entry }: { entry: LedgerEntryJson }) {
  const amount = BigInt(entry.amountMicros);
  const amountColor = amount > 0n ? "text-emerald-700 dark:text-emerald-400" : amount < 0n ? "text-red-700 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400";
  const details = entry.note ?? (entry.generationId ? `Generation ${entry.generationId}` : "");
  return (
    <li
      className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-4 gap-y-0.5 px-4 py-2.5 text-sm sm:grid-cols-[11rem_9rem_minmax(0,1fr)_8rem] sm:items-center"
      data-testid="ledger-entry"
      data-kind={entry.kind}
    >
      <span className="order-3 text-xs text-zinc-500 sm:order-none sm:text-sm sm:text-zinc-600 dark:text-zinc-400" title={entry.createdAt}>
        {formatDateTime(entry.createdAt)}
      </span>
      <span className="order-1 font-medium sm:order-none sm:font-normal" data-testid="ledger-kind">
        {ledgerKindLabel(entry.kind)}
      </span>
      <span className="order-4 col-span-2 truncate text-xs text-zinc-500 sm:order-none sm:col-span-1 sm:text-sm sm:text-zinc-600 dark:text-zinc-400" title={details} data-testid="ledger-note">
        {details}
      </span>
      <span className={`order-2 text-right font-medium tabular-nums sm:order-none ${amountColor}`} data-testid="ledger-amount">
        {formatMicros(amount, { signed: true })}
      </span>
    </li>
  );
}
