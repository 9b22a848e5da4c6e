import { z } from "zod";

const instant = z.iso.datetime({ offset: true, error: "Expected an ISO 8601 date-time, e.g. 2026-03-18T00:00:00Z." }).transform((value) => new Date(value));
const optionalText = z.string().trim().max(300).optional().transform((value) => value || undefined);

/** GET /api/generations's query string: every filter optional, `cursor` from the previous page. */
export const listGenerationsQuerySchema = z.strictObject({
  model: optionalText,
  provider: optionalText,
  key: optionalText,
  status: z.enum(["success", "error", "cancelled"], { error: 'Expected "success", "error" or "cancelled".' }).optional(),
  from: instant.optional(),
  to: instant.optional(),
  cursor: optionalText,
  limit: z.coerce.number({ error: "Expected a number." }).int().min(1).max(200).optional(),
});
