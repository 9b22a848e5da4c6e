"use client";

import { useState, type FormEvent } from "react";
import { parseDollarInput } from "../shared/format-money";
import { InlineError } from "../shared/inline-error";
import { RequestError, errorText } from "../shared/request-json";
import { CARD, PRIMARY_BUTTON, SECONDARY_BUTTON, TEXT_INPUT } from "../shared/ui-classes";
import { useAccount, useCheckout } from "./use-credits";

const PRESETS = ["10", "25", "50", "100"] as const;
const MINIMUM_DOLLARS = 5;
const MAXIMUM_DOLLARS = 10_000;

/**
 * Buying credits through Stripe Checkout. Whether card payments are set up is
 * the server's to say: it answers 501 when they are not, and from then on
 * the section stays disabled with the server's explanation.
 */
export function BuyCreditsForm() {
  const [amount, setAmount] = useState("25");
  const [problem, setProblem] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const account = useAccount();
  const checkout = useCheckout();
  // The server says up front whether card payments are set up; a 501 on checkout says so too.
  const unavailable = refused ?? (account.data?.paymentsEnabled === false ? "Buying credits by card is not set up on this server. Ask its operator, or redeem a code." : null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseDollarInput(amount);
    if ("problem" in parsed) return setProblem(parsed.problem);
    if (parsed.dollars < MINIMUM_DOLLARS || parsed.dollars > MAXIMUM_DOLLARS) return setProblem(`Buy between $${MINIMUM_DOLLARS} and $${MAXIMUM_DOLLARS.toLocaleString("en-US")}.`);
    if (/\.\d{3,}$/.test(amount.trim())) return setProblem("Use whole cents, such as 12.50.");
    setProblem(null);
    checkout.mutate(parsed.dollars, {
      onError: (error) => {
        if (error instanceof RequestError && error.status === 501) setRefused(error.message);
      },
    });
  }

  const disabled = unavailable !== null;
  const failure = problem ?? (checkout.isError && !disabled ? errorText(checkout.error) : null);

  return (
    <section
      className={`${CARD} flex flex-col gap-3 p-5 ${disabled ? "opacity-90" : ""}`}
      aria-labelledby="buy-title"
      data-testid="buy-section"
      data-available={!disabled}
    >
      <div>
        <h2 id="buy-title" className="text-base font-semibold">
          Buy credits
        </h2>
        <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">Pay by card through Stripe; the credits arrive as soon as the payment goes through.</p>
      </div>
      <form onSubmit={submit} className="flex flex-col gap-3">
        <fieldset disabled={disabled || checkout.isPending} className="flex flex-col gap-3 disabled:opacity-60">
          <legend className="sr-only">Amount</legend>
          <div className="flex flex-wrap gap-1.5">
            {PRESETS.map((preset) => (
              <button
                key={preset}
                type="button"
                aria-pressed={amount === preset}
                onClick={() => setAmount(preset)}
                className={`${SECONDARY_BUTTON} py-1 ${amount === preset ? "border-indigo-500 bg-indigo-50 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300" : ""}`}
              >
                ${preset}
              </button>
            ))}
          </div>
          <div className="flex flex-col gap-2 sm:flex-row">
            <div className="relative flex-1">
              <label htmlFor="buy-amount" className="sr-only">
                Amount in dollars
              </label>
              <span className="pointer-events-none absolute inset-y-0 left-2.5 flex items-center text-sm text-zinc-500">$</span>
              <input
                id="buy-amount"
                inputMode="decimal"
                autoComplete="off"
                value={amount}
                onChange={(event) => setAmount(event.target.value)}
                className={`${TEXT_INPUT} pl-6`}
                data-testid="buy-amount-input"
              />
            </div>
            <button type="submit" className={`${PRIMARY_BUTTON} shrink-0`} data-testid="buy-submit">
              {checkout.isPending ? "Opening Stripe…" : "Continue to payment"}
            </button>
          </div>
        </fieldset>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          ${MINIMUM_DOLLARS} to ${MAXIMUM_DOLLARS.toLocaleString("en-US")}, in whole cents.
        </p>
      </form>
      {disabled ? (
        <p role="status" className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300" data-testid="buy-unavailable">
          {unavailable} Until then, credits come from redeem codes or from the operator.
        </p>
      ) : null}
      <InlineError message={failure} testId="buy-error" />
    </section>
  );
}
