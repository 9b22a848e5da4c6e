import type { Granularity } from "@/lib/db/activity-queries";

export type RangePreset = "24h" | "7d" | "30d" | "custom";

export interface ActivityRange {
  preset: RangePreset;
  from: Date;
  to: Date;
  granularity: Granularity;
}

const HOUR = 3_600_000;

function startOfLocalDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

function addLocalDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/**
 * The range a preset stands for, ending now: the last 24 whole-or-current
 * hours by hour, or the last 7 or 30 local days (today included) by day.
 */
export function presetRange(preset: Exclude<RangePreset, "custom">, now: Date = new Date()): ActivityRange {
  if (preset === "24h") {
    const currentHour = new Date(Math.floor(now.getTime() / HOUR) * HOUR);
    return { preset, from: new Date(currentHour.getTime() - 23 * HOUR), to: now, granularity: "hour" };
  }
  const days = preset === "7d" ? 7 : 30;
  return { preset, from: addLocalDays(startOfLocalDay(now), -(days - 1)), to: now, granularity: "day" };
}

/** Whole local days from `fromDay` to `toDay`, both included ("YYYY-MM-DD"); two days or fewer are shown by hour. */
export function customRange(fromDay: string, toDay: string): ActivityRange | null {
  const from = parseLocalDay(fromDay);
  const last = parseLocalDay(toDay);
  if (!from || !last || last < from) return null;
  const to = addLocalDays(last, 1);
  const granularity = to.getTime() - from.getTime() <= 2 * 24 * HOUR + HOUR ? "hour" : "day";
  return { preset: "custom", from, to, granularity };
}

function parseLocalDay(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date;
}

export function toDayInput(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
