import "server-only";
import type Stripe from "stripe";
import { InvalidRequestError } from "../gateway/errors";
import { formatMicrosAsDollars } from "../money";
import { MICROS_PER_CENT } from "./dollar-amount";
import { getStripe } from "./stripe-client";

export const MIN_PURCHASE_MICROS = 5_000_000n;
export const MAX_PURCHASE_MICROS = 10_000_000_000n;

/** Where Stripe sends the buyer back; `{CHECKOUT_SESSION_ID}` is filled in by Stripe. */
const SUCCESS_PATH = "/credits?credits=purchased&session_id={CHECKOUT_SESSION_ID}";
const CANCEL_PATH = "/credits?credits=cancelled";

/** The part of the Stripe client this needs, so tests can pass a stand-in. */
export interface CheckoutSessionCreator {
  checkout: { sessions: { create(params: Stripe.Checkout.SessionCreateParams): Promise<{ id: string; url: string | null }> } };
}

/**
 * What the webhook needs to credit the purchase, carried in the session's
 * metadata and copied to its payment intent's, so neither the purchase nor
 * a later refund needs our own record of the checkout.
 */
export interface PurchaseMetadata {
  userId: string;
  /** Credits bought, in micro-dollars, as a decimal string. */
  micros: string;
  [key: string]: string;
}

/**
 * Starts a Stripe Checkout payment for `amountMicros` of credits (whole
 * cents between $5 and $10,000) and returns the page to send the user to.
 * The credits are added by the webhook once Stripe reports the payment, not
 * here: a user who closes the page has paid nothing.
 */
export async function createCheckoutSession(input: {
  user: { id: string; email: string | null };
  amountMicros: bigint;
  /** The app's origin as the browser sees it, for the return URLs. */
  origin: string;
  stripe?: CheckoutSessionCreator;
}): Promise<{ id: string; url: string }> {
  const { amountMicros } = input;
  if (amountMicros < MIN_PURCHASE_MICROS || amountMicros > MAX_PURCHASE_MICROS) {
    throw new InvalidRequestError(
      `The amount must be between ${formatMicrosAsDollars(MIN_PURCHASE_MICROS)} and ${formatMicrosAsDollars(MAX_PURCHASE_MICROS)}.`,
      { param: "amount", code: "amount_out_of_range" },
    );
  }
  if (amountMicros % MICROS_PER_CENT !== 0n) {
    throw new InvalidRequestError("The amount must be in whole cents.", { param: "amount", code: "amount_not_whole_cents" });
  }
  const stripe = input.stripe ?? getStripe();
  const metadata: PurchaseMetadata = { userId: input.user.id, micros: amountMicros.toString() };
  const session = await stripe.checkout.sessions.create({
    mode: "payment",
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: "usd",
          unit_amount: Number(amountMicros / MICROS_PER_CENT),
          product_data: { name: `Switchyard credits (${formatMicrosAsDollars(amountMicros)})` },
        },
      },
    ],
    client_reference_id: input.user.id,
    ...(input.user.email ? { customer_email: input.user.email } : {}),
    metadata,
    payment_intent_data: { metadata },
    success_url: new URL(SUCCESS_PATH, input.origin).toString(),
    cancel_url: new URL(CANCEL_PATH, input.origin).toString(),
  });
  if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL.`);
  return { id: session.id, url: session.url };
}
