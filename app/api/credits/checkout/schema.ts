import { z } from "zod";
import { dollarAmountSchema } from "@/lib/billing/dollar-amount";

export const checkoutBodySchema = z.object({
  /** Dollars to buy, $5 to $10,000 in whole cents. */
  amount: dollarAmountSchema,
});
