import { z } from "zod";
import { PROMPT_RETENTION_DAYS } from "@/lib/db/user-settings-queries";

export const updateSettingsBodySchema = z
  .object({
    promptLogging: z.boolean().optional(),
    promptRetentionDays: z.number().int().min(PROMPT_RETENTION_DAYS.min).max(PROMPT_RETENTION_DAYS.max).optional(),
  })
  .strict();
