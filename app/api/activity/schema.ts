import { z } from "zod";

const instant = z.iso.datetime({ offset: true, error: "Expected an ISO 8601 date-time, e.g. 2026-03-18T00:00:00Z." }).transform((value) => new Date(value));

/** GET /api/activity's query string. */
export const activityQuerySchema = z.strictObject({
  from: instant,
  to: instant,
  granularity: z.enum(["hour", "day"], { error: 'Expected "hour" or "day".' }).default("day"),
  /** The viewer's UTC offset in minutes (east positive), so days start at their midnight. */
  offset: z.coerce.number({ error: "Expected minutes east of UTC." }).int().min(-840).max(840).default(0),
});
