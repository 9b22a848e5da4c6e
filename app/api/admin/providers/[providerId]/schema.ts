import { z } from "zod";

/** Fields left out stay as they are; null clears the stored key or URL so the environment's applies. */
export const updateProviderBodySchema = z
  .object({
    apiKey: z.string().min(1).max(1000).nullable().optional(),
    baseUrl: z.string().trim().min(1).max(2000).nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
