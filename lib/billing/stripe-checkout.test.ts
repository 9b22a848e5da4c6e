import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { createCheckoutSession, type CheckoutSessionCreator } from "./stripe-checkout";

function recordingStripe(): CheckoutSessionCreator & { calls: Stripe.Checkout.SessionCreateParams[] } {
  const calls: Stripe.Checkout.SessionCreateParams[] = [];
  return {
    calls,
    checkout: {
      sessions: {
        async create(params) {
          calls.push(params);
          return { id: "cs_test_1", url: "https://checkout.stripe.com/c/pay/cs_test_1" };
        },
      },
    },
  };
}

describe("createCheckoutSession", () => {
  it("asks Stripe for a payment in cents that carries the user and the credits in its metadata", async () => {
    const stripe = recordingStripe();
    const session = await createCheckoutSession({
      user: { id: "user_1", email: "ada@example.com" },
      amountMicros: 12_340_000n,
      origin: "https://switchyard.example",
      stripe,
    });
    expect(session).toEqual({ id: "cs_test_1", url: "https://checkout.stripe.com/c/pay/cs_test_1" });
    expect(stripe.calls).toHaveLength(1);
    const params = stripe.calls[0];
    expect(params).toMatchObject({
      mode: "payment",
      client_reference_id: "user_1",
      customer_email: "ada@example.com",
      metadata: { userId: "user_1", micros: "12340000" },
      payment_intent_data: { metadata: { userId: "user_1", micros: "12340000" } },
      success_url: "https://switchyard.example/credits?credits=purchased&session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "https://switchyard.example/credits?credits=cancelled",
    });
    expect(params?.line_items).toEqual([
      { quantity: 1, price_data: { currency: "usd", unit_amount: 1234, product_data: { name: "Switchyard credits ($12.34)" } } },
    ]);
  });

  it("accepts $5 and $10,000 and refuses anything outside them or finer than a cent, without calling Stripe", async () => {
    const stripe = recordingStripe();
    const user = { id: "user_1", email: null };
    const origin = "http://localhost:3000";
    await createCheckoutSession({ user, amountMicros: 5_000_000n, origin, stripe });
    await createCheckoutSession({ user, amountMicros: 10_000_000_000n, origin, stripe });
    expect(stripe.calls.map((params) => params.line_items?.[0]?.price_data?.unit_amount)).toEqual([500, 1_000_000]);
    expect(stripe.calls[0]?.customer_email).toBeUndefined();

    await expect(createCheckoutSession({ user, amountMicros: 4_990_000n, origin, stripe })).rejects.toMatchObject({ status: 400, code: "amount_out_of_range" });
    await expect(createCheckoutSession({ user, amountMicros: 10_000_010_000n, origin, stripe })).rejects.toMatchObject({ status: 400 });
    await expect(createCheckoutSession({ user, amountMicros: 5_000_001n, origin, stripe })).rejects.toMatchObject({ status: 400, code: "amount_not_whole_cents" });
    expect(stripe.calls).toHaveLength(2);
  });
});
