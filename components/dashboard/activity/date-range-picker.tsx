"use client";

import { useState } from "react";
import { customRange, presetRange, toDayInput, type ActivityRange, type RangePreset } from "./activity-range";

const PRESETS: ReadonlyArray<{ preset: Exclude<RangePreset, "custom">; label: string }> = [
  { preset: "24h", label: "24 hours" },
  { preset: "7d", label: "7 days" },
  { preset: "30d", label: "30 days" },
];

const buttonClass = (active: boolean) =>
  `rounded-md px-3 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600 ${
    active ? "bg-white font-semibold text-indigo-700 shadow-sm dark:bg-zinc-700 dark:text-indigo-200" : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
  }`;

export function DateRangePicker({ range, onChange }: { range: ActivityRange; onChange: (range: ActivityRange) => void }) {
  const [customOpen, setCustomOpen] = useState(range.preset === "custom");
  const [fromDay, setFromDay] = useState(toDayInput(range.from));
  const [toDay, setToDay] = useState(toDayInput(range.to));
  const custom = customRange(fromDay, toDay);

  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="date-range-picker">
      <div role="group" aria-label="Date range" className="flex rounded-lg bg-zinc-100 p-0.5 dark:bg-zinc-800">
        {PRESETS.map(({ preset, label }) => (
          <button
            key={preset}
            type="button"
            aria-pressed={range.preset === preset}
            className={buttonClass(range.preset === preset)}
            data-testid={`range-${preset}`}
            onClick={() => {
              setCustomOpen(false);
              onChange(presetRange(preset));
            }}
          >
            {label}
          </button>
        ))}
        <button type="button" aria-pressed={range.preset === "custom"} className={buttonClass(range.preset === "custom" || customOpen)} data-testid="range-custom" onClick={() => setCustomOpen(true)}>
          Custom
        </button>
      </div>
      {customOpen ? (
        <form
          className="flex flex-wrap items-center gap-2 text-sm"
          onSubmit={(event) => {
            event.preventDefault();
            if (custom) onChange(custom);
          }}
        >
          <label className="flex items-center gap-1">
            <span className="text-zinc-600 dark:text-zinc-400">From</span>
            <input type="date" value={fromDay} max={toDay} onChange={(event) => setFromDay(event.target.value)} className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900" data-testid="range-from" />
          </label>
          <label className="flex items-center gap-1">
            <span className="text-zinc-600 dark:text-zinc-400">to</span>
            <input type="date" value={toDay} min={fromDay} onChange={(event) => setToDay(event.target.value)} className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900" data-testid="range-to" />
          </label>
          <button type="submit" disabled={!custom} className="rounded-md bg-indigo-600 px-3 py-1 font-medium text-white hover:bg-indigo-500 disabled:opacity-50" data-testid="range-apply">
            Apply
          </button>
        </form>
      ) : null}
    </div>
  );
}
