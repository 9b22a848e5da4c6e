import type { Granularity } from "@/lib/db/activity-queries";

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** Token counts as people read them at a glance: 950, 12.4K, 3.1M. */
export function formatTokens(tokens: number): string {
  return tokens < 10_000 ? tokens.toLocaleString("en-US") : compact.format(tokens);
}

export function formatCount(count: number): string {
  return count.toLocaleString("en-US");
}

/** Under a bar: the hour ("14:00") or the day ("Mar 18"), in the viewer's time zone. */
export function bucketAxisLabel(start: Date, granularity: Granularity): string {
  if (granularity === "hour") return start.toLocaleTimeString("en-US", { hour: "2-digit", minute: "2-digit", hour12: false });
  return start.toLocaleDateString("en-US", { month: "short", day: "numeric" });
}

/** A tooltip's heading: "Wed, Mar 18" or "Mar 18, 14:00–15:00". */
export function bucketLabel(start: Date, granularity: Granularity): string {
  if (granularity === "day") return start.toLocaleDateString("en-US", { weekday: "short", month: "short", day: "numeric" });
  const end = new Date(start.getTime() + 3_600_000);
  return `${start.toLocaleDateString("en-US", { month: "short", day: "numeric" })}, ${bucketAxisLabel(start, "hour")}–${bucketAxisLabel(end, "hour")}`;
}
