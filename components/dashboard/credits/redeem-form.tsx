"use client";

import { useState, type FormEvent } from "react";
import { formatMicros } from "../shared/format-money";
import { InlineError } from "../shared/inline-error";
import { errorText } from "../shared/request-json";
import { CARD, PRIMARY_BUTTON, TEXT_INPUT } from "../shared/ui-classes";
import { useRedeemCode } from "./use-credits";

export function RedeemForm() {
  const [code, setCode] = useState("");
  const redeem = useRedeemCode();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (code.trim() === "") return;
    redeem.mutate(code.trim(), { onSuccess: () => setCode("") });
  }

  return (
    <section className={`${CARD} flex flex-col gap-3 p-5`} aria-labelledby="redeem-title" data-testid="redeem-section">
      <div>
        <h2 id="redeem-title" className="text-base font-semibold">
          Redeem a code
        </h2>
        <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">Got a code from the operator or an event? Its credits are added at once.</p>
      </div>
      <form onSubmit={submit} className="flex flex-col gap-2 sm:flex-row">
        <label htmlFor="redeem-code" className="sr-only">
          Redeem code
        </label>
        <input
          id="redeem-code"
          autoComplete="off"
          spellCheck={false}
          placeholder="Paste your code"
          value={code}
          onChange={(event) => {
            setCode(event.target.value);
            if (redeem.isError) redeem.reset();
          }}
          className={`${TEXT_INPUT} font-mono`}
          data-testid="redeem-code-input"
        />
        <button type="submit" disabled={redeem.isPending || code.trim() === ""} className={`${PRIMARY_BUTTON} shrink-0`} data-testid="redeem-submit">
          {redeem.isPending ? "Redeeming…" : "Redeem"}
        </button>
      </form>
      {redeem.isSuccess ? (
        <p
          role="status"
          className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-300"
          data-testid="redeem-success"
        >
          Added {formatMicros(redeem.data.amountMicros)}. Your balance is now {formatMicros(redeem.data.balanceMicros)}.
        </p>
      ) : null}
      <InlineError message={redeem.isError ? errorText(redeem.error) : null} testId="redeem-error" />
    </section>
  );
}
