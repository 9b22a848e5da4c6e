"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect } from "react";
import { formatMicros } from "../shared/format-money";
import { InlineError } from "../shared/inline-error";
import { PageHeading } from "../shared/page-heading";
import { errorText } from "../shared/request-json";
import { CARD } from "../shared/ui-classes";
import { creditQueryKeys } from "./credits-api";
import { BuyCreditsForm } from "./buy-credits-form";
import { LedgerList } from "./ledger-list";
import { RedeemForm } from "./redeem-form";
import { useAccount } from "./use-credits";

export type CheckoutReturn = "purchased" | "cancelled" | null;

export function CreditsView({ checkoutReturn }: { checkoutReturn: CheckoutReturn }) {
  return (
    <div data-testid="credits-page">
      <PageHeading title="Credits" description="Credits pay for requests to paid models, from the chatroom and from your API keys alike." />
      {checkoutReturn ? <CheckoutReturnNotice outcome={checkoutReturn} /> : null}
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <BalanceCard />
        <RedeemForm />
        <BuyCreditsForm />
      </div>
      <div className="mt-8">
        <LedgerList />
      </div>
    </div>
  );
}

function BalanceCard() {
  const account = useAccount();
  return (
    <section
      className={`${CARD} flex flex-col gap-3 p-5 sm:flex-row sm:items-end sm:justify-between lg:col-span-2`}
      aria-labelledby="balance-title"
      data-testid="balance-section"
    >
      <div>
        <h2 id="balance-title" className="text-sm font-medium text-zinc-600 dark:text-zinc-400">
          Balance
        </h2>
        {account.isPending ? (
          <div className="mt-2 h-10 w-40 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" aria-label="Loading balance" />
        ) : account.isError ? (
          <InlineError message={`Your balance could not be loaded: ${errorText(account.error)}`} />
        ) : (
          <>
            <p className="mt-1 break-all text-4xl font-semibold tracking-tight tabular-nums" data-testid="balance-amount">
              {formatMicros(account.data.balanceMicros)}
            </p>
            {account.data.heldMicros !== "0" ? (
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400" data-testid="held-amount">
                {formatMicros(account.data.heldMicros)} reserved by requests still running
              </p>
            ) : null}
          </>
        )}
      </div>
      <p className="text-xs text-zinc-500 sm:max-w-xs sm:text-right dark:text-zinc-400">
        Free models cost nothing. See what you spent on the{" "}
        <Link href="/activity" className="text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-400">
          activity page
        </Link>
        .
      </p>
    </section>
  );
}

/** Stripe sends the buyer back with ?credits=…; the webhook may credit a moment after the page loads. */
function CheckoutReturnNotice({ outcome }: { outcome: Exclude<CheckoutReturn, null> }) {
  const purchased = outcome === "purchased";
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!purchased) return;
    // Look again a little later for credits the webhook adds after this page loaded.
    const timers = [3_000, 10_000].map((delay) =>
      setTimeout(() => {
        void queryClient.invalidateQueries({ queryKey: creditQueryKeys.account });
        void queryClient.invalidateQueries({ queryKey: creditQueryKeys.ledger });
      }, delay),
    );
    return () => timers.forEach(clearTimeout);
  }, [purchased, queryClient]);
  return (
    <p
      role="status"
      className={`mb-4 rounded-md border px-3 py-2 text-sm ${
        purchased
          ? "border-emerald-200 bg-emerald-50 text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-300"
          : "border-zinc-200 bg-zinc-50 text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300"
      }`}
      data-testid="checkout-return"
    >
      {purchased
        ? "Thank you: your payment went through. The credits appear in your balance as soon as Stripe confirms it, usually within a few seconds."
        : "The payment was cancelled; nothing was charged."}
    </p>
  );
}
