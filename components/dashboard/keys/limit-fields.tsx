"use client";

import { LIMIT_RESETS } from "@/lib/keys/key-limit-period";
import { parseDollarInput } from "../shared/format-money";
import { FIELD_LABEL, TEXT_INPUT } from "../shared/ui-classes";
import { RESET_LABELS, type LimitReset } from "./keys-api";

export interface LimitDraft {
  /** Dollars as typed; empty means no limit. */
  amount: string;
  reset: LimitReset | "never";
}

/** A draft as the API's `limit` and `limitReset`, or why it cannot be sent. */
export function readLimitDraft(draft: LimitDraft): { limit: number | null; limitReset: LimitReset | null } | { problem: string } {
  if (draft.amount.trim() === "") return { limit: null, limitReset: null };
  const parsed = parseDollarInput(draft.amount);
  if ("problem" in parsed) return parsed;
  return { limit: parsed.dollars, limitReset: draft.reset === "never" ? null : draft.reset };
}

/** The limit amount and its reset period, used both when creating a key and when changing its limit. */
export function LimitFields({ id, draft, onChange, disabled }: { id: string; draft: LimitDraft; onChange: (draft: LimitDraft) => void; disabled?: boolean }) {
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-amount`} className={FIELD_LABEL}>
          Spending limit (USD)
        </label>
        <div className="relative">
          <span className="pointer-events-none absolute inset-y-0 left-2.5 flex items-center text-sm text-zinc-500">$</span>
          <input
            id={`${id}-amount`}
            inputMode="decimal"
            autoComplete="off"
            placeholder="No limit"
            value={draft.amount}
            disabled={disabled}
            onChange={(event) => onChange({ ...draft, amount: event.target.value })}
            className={`${TEXT_INPUT} pl-6`}
            data-testid="limit-amount-input"
          />
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-reset`} className={FIELD_LABEL}>
          Resets
        </label>
        <select
          id={`${id}-reset`}
          value={draft.reset}
          disabled={disabled || draft.amount.trim() === ""}
          onChange={(event) => onChange({ ...draft, reset: event.target.value as LimitDraft["reset"] })}
          className={TEXT_INPUT}
          data-testid="limit-reset-select"
        >
          <option value="never">Never (a total for the key&apos;s life)</option>
          {LIMIT_RESETS.map((reset) => (
            <option key={reset} value={reset}>
              {capitalize(RESET_LABELS[reset].replace("per ", "every "))} (UTC)
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
