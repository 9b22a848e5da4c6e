import "server-only";
import Stripe from "stripe";
import { env } from "../env";
import { PaymentsNotConfiguredError } from "./billing-errors";

const holder = globalThis as typeof globalThis & { switchyardStripe?: Stripe };

/** The Stripe API client for STRIPE_SECRET_KEY; a 501 when card payments are not set up. */
export function getStripe(): Stripe {
  if (!env.STRIPE_SECRET_KEY) throw new PaymentsNotConfiguredError();
  // Created on first use, not at import: `next build` loads this module without the key.
  holder.switchyardStripe ??= new Stripe(env.STRIPE_SECRET_KEY);
  return holder.switchyardStripe;
}
