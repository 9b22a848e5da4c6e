import { z } from "zod";
import { keyLimitResetSchema, keyLimitSchema, keyNameSchema } from "../schema";

export const updateKeyBodySchema = z
  .strictObject({
    name: keyNameSchema.optional(),
    disabled: z.boolean({ error: "Expected true or false." }).optional(),
    limit: keyLimitSchema.optional(),
    limitReset: keyLimitResetSchema.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: "Nothing to change: send name, disabled, limit or limitReset.",
  });
