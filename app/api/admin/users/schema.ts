import { z } from "zod";

export const listUsersQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).optional(),
  search: z.string().trim().max(200).optional(),
});
