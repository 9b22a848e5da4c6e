import { z } from "zod";

/** Codes can only be switched off: one that leaked must not come back by mistake. */
export const updateRedeemCodeBodySchema = z.object({
  disabled: z.literal(true, "only { \"disabled\": true } is supported"),
});
