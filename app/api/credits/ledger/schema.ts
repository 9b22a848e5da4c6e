import { z } from "zod";

export const ledgerQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** The previous page's `nextCursor`. */
  cursor: z.string().min(1).optional(),
});
