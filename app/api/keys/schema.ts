import { z } from "zod";
import { DollarAmountError, dollarsToMicros } from "@/lib/keys/dollars-to-micros";
import { LIMIT_RESETS } from "@/lib/keys/key-limit-period";

export const keyNameSchema = z
  .string({ error: "Expected a string." })
  .trim()
  .min(1, "Must not be empty.")
  .max(100, "Must be at most 100 characters.");

/** Dollars as a JSON number, to exact micro-dollars; null clears the limit. */
export const keyLimitSchema = z
  .number({ error: "Expected a number of dollars, or null for no limit." })
  .transform((dollars, context) => {
    try {
      return dollarsToMicros(dollars);
    } catch (error) {
      if (!(error instanceof DollarAmountError)) throw error;
      context.addIssue({ code: "custom", message: error.message });
      return z.NEVER;
    }
  })
  .nullable();

export const keyLimitResetSchema = z
  .enum(LIMIT_RESETS, { error: 'Expected "daily", "weekly", "monthly", or null for a limit that never resets.' })
  .nullable();

export const createKeyBodySchema = z.strictObject({
  name: keyNameSchema,
  limit: keyLimitSchema.optional(),
  limitReset: keyLimitResetSchema.optional(),
});
