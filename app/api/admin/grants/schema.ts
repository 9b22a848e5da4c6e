import { z } from "zod";
import { dollarAmountSchema } from "@/lib/billing/dollar-amount";

/** Exactly one of userId and email names the user; a negative amount takes credits away. */
export const grantBodySchema = z
  .object({
    userId: z.string().min(1).optional(),
    email: z.email().optional(),
    amount: dollarAmountSchema,
    note: z.string().trim().min(1, "say why in a note").max(500),
  })
  .refine((body) => (body.userId === undefined) !== (body.email === undefined), { message: "give either userId or email, not both", path: ["userId"] });
