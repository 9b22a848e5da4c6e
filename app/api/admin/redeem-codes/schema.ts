import { z } from "zod";
import { dollarAmountSchema } from "@/lib/billing/dollar-amount";
import { MAX_CODES_PER_BATCH } from "@/lib/billing/redeem-codes";

export const listRedeemCodesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).optional(),
});

export const createRedeemCodesBodySchema = z.object({
  count: z.number().int().min(1).max(MAX_CODES_PER_BATCH).default(1),
  /** Dollars each code adds. */
  amount: dollarAmountSchema,
  /** How many different users may redeem each code. */
  maxRedemptions: z.number().int().min(1).max(1_000_000).default(1),
  expiresAt: z.iso.datetime({ offset: true }).transform((text) => new Date(text)).optional(),
  note: z.string().trim().max(500).optional(),
});
