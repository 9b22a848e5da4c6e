import { z } from "zod";

export const redeemBodySchema = z.object({
  code: z.string().trim().min(1, "enter a redeem code").max(100),
});
