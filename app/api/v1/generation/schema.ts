import { z } from "zod";

export const generationQuerySchema = z.object({
  id: z.string().min(1, "id is required.").max(128),
});
