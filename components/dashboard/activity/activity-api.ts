import type { ActivityJson } from "@/app/api/activity/to-activity-json";
import { readableErrorMessage, RequestError } from "@/components/chat/chat-api";
import type { ActivityRange } from "./activity-range";

export const activityQueryKey = (range: ActivityRange) => ["activity", range.from.toISOString(), range.to.toISOString(), range.granularity] as const;

export async function fetchActivity(range: ActivityRange): Promise<ActivityJson> {
  const search = new URLSearchParams({
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    granularity: range.granularity,
    // Days start at the viewer's midnight, not UTC's.
    offset: String(-range.from.getTimezoneOffset()),
  });
  const response = await fetch(`/api/activity?${search}`, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new RequestError(readableErrorMessage(await response.text(), response.status), response.status);
  return ((await response.json()) as { data: ActivityJson }).data;
}
