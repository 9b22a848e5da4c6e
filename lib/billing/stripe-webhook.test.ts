import Stripe from "stripe";
import { expect, it } from "vitest";
import { auditLedger, getCreditSummary } from "../db/credit-ledger";
import { describeOnDatabases } from "./describe-on-databases";
import { grantCredits } from "./grant-credits";
import { handleStripeWebhook, type StripeLookups } from "./stripe-webhook";

const WEBHOOK_SECRET = "whsec_test_switchyard";

/** Every event here carries what the handler needs, so a call to Stripe is a bug. */
const noStripeCalls: StripeLookups = {
  findCheckoutSessionMetadata: () => Promise.reject(new Error("unexpected call to Stripe")),
  listRefunds: () => Promise.reject(new Error("unexpected call to Stripe")),
};

function stripeEvent(id: string, type: string, object: Record<string, unknown>): string {
  return JSON.stringify({ id, object: "event", api_version: "2026-10-28.endive", created: 1_790_000_000, type, data: { object } });
}

function signed(payload: string, secret = WEBHOOK_SECRET): { rawBody: string; signatureHeader: string } {
  return { rawBody: payload, signatureHeader: Stripe.webhooks.generateTestHeaderString({ payload, secret }) };
}

function checkoutCompleted(userId: string, options: { sessionId?: string; micros?: string; paymentStatus?: string } = {}): string {
  return stripeEvent("evt_checkout_1", "checkout.session.completed", {
    id: options.sessionId ?? "cs_test_1",
    object: "checkout.session",
    mode: "payment",
    currency: "usd",
    amount_total: 2_000,
    payment_status: options.paymentStatus ?? "paid",
    payment_intent: "pi_test_1",
    client_reference_id: userId,
    metadata: { userId, micros: options.micros ?? "20000000" },
  });
}

function chargeRefunded(userId: string, refunds: Array<{ id: string; amount: number; status?: string }>): string {
  return stripeEvent(`evt_refund_${refunds.length}`, "charge.refunded", {
    id: "ch_test_1",
    object: "charge",
    amount: 2_000,
    amount_refunded: refunds.reduce((sum, refund) => sum + refund.amount, 0),
    currency: "usd",
    payment_intent: "pi_test_1",
    metadata: { userId, micros: "20000000" },
    refunds: {
      object: "list",
      has_more: false,
      data: refunds.map((refund) => ({ object: "refund", currency: "usd", charge: "ch_test_1", status: "succeeded", ...refund })),
    },
  });
}

describeOnDatabases("the Stripe webhook", (context) => {
  it("credits a paid checkout once, however often Stripe delivers it", async () => {
    const { prisma } = context;
    const userId = await context.createUser("ada@example.com");
    const delivery = signed(checkoutCompleted(userId));

    const first = await handleStripeWebhook({ ...delivery, webhookSecret: WEBHOOK_SECRET, prisma, lookups: noStripeCalls });
    expect(first).toEqual({ outcome: "purchase", userId, amountMicros: 20_000_000n });
    const replayed = await handleStripeWebhook({ ...delivery, webhookSecret: WEBHOOK_SECRET, prisma, lookups: noStripeCalls });
    expect(replayed).toEqual({ outcome: "duplicate" });
    // Two deliveries at once, as when Stripe retries while the first is still being handled.
    const concurrent = await Promise.all([1, 2].map(() => handleStripeWebhook({ ...signed(checkoutCompleted(userId)), webhookSecret: WEBHOOK_SECRET, prisma })));
    expect(concurrent).toEqual([{ outcome: "duplicate" }, { outcome: "duplicate" }]);

    const entries = await prisma.creditLedgerEntry.findMany({ where: { userId } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: "purchase", amountMicros: 20_000_000n, externalId: "cs_test_1", note: "Stripe payment pi_test_1" });
    expect(await getCreditSummary({ prisma, userId })).toMatchObject({ balanceMicros: 20_000_000n, purchasedMicros: 20_000_000n });
  });

  it("credits only one of several simultaneous first deliveries", async () => {
    const { prisma } = context;
    const userId = await context.createUser("ada@example.com");
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () => handleStripeWebhook({ ...signed(checkoutCompleted(userId)), webhookSecret: WEBHOOK_SECRET, prisma, lookups: noStripeCalls })),
    );
    expect(outcomes.filter((outcome) => outcome.outcome === "purchase")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.outcome === "duplicate")).toHaveLength(3);
    expect((await getCreditSummary({ prisma, userId })).balanceMicros).toBe(20_000_000n);
  });

  it("rejects a tampered body, a wrong secret and a missing signature, and credits nothing", async () => {
    const { prisma } = context;
    const userId = await context.createUser("ada@example.com");
    const genuine = signed(checkoutCompleted(userId));
    const tampered = { ...genuine, rawBody: genuine.rawBody.replace('"micros":"20000000"', '"micros":"9000000000"') };
    expect(tampered.rawBody).not.toBe(genuine.rawBody);
    const forged = signed(checkoutCompleted(userId), "whsec_someone_else");

    for (const delivery of [tampered, forged, { rawBody: genuine.rawBody, signatureHeader: null }, { rawBody: genuine.rawBody, signatureHeader: "t=1,v1=00" }]) {
      await expect(handleStripeWebhook({ ...delivery, webhookSecret: WEBHOOK_SECRET, prisma, lookups: noStripeCalls })).rejects.toMatchObject({
        status: 400,
        code: "invalid_signature",
      });
    }
    expect(await prisma.creditLedgerEntry.count()).toBe(0);
    await expect(handleStripeWebhook({ ...genuine, webhookSecret: "", prisma })).rejects.toMatchObject({ status: 501 });
  });

  it("waits for the money: an unpaid checkout, another product's checkout and other events change nothing", async () => {
    const { prisma } = context;
    const userId = await context.createUser("ada@example.com");
    const options = { webhookSecret: WEBHOOK_SECRET, prisma, lookups: noStripeCalls };
    expect(await handleStripeWebhook({ ...signed(checkoutCompleted(userId, { paymentStatus: "unpaid" })), ...options })).toMatchObject({ outcome: "ignored" });
    const otherProduct = stripeEvent("evt_2", "checkout.session.completed", { id: "cs_other", payment_status: "paid", metadata: { sku: "mug" } });
    expect(await handleStripeWebhook({ ...signed(otherProduct), ...options })).toMatchObject({ outcome: "ignored", reason: "not a credit purchase" });
    const deletedUser = checkoutCompleted("user_that_does_not_exist", { sessionId: "cs_test_9" });
    expect(await handleStripeWebhook({ ...signed(deletedUser), ...options })).toMatchObject({ outcome: "ignored" });
    const unrelated = stripeEvent("evt_3", "customer.created", { id: "cus_1", object: "customer" });
    expect(await handleStripeWebhook({ ...signed(unrelated), ...options })).toMatchObject({ outcome: "ignored" });
    expect(await prisma.creditLedgerEntry.count()).toBe(0);

    // The delayed payment arrives later as its own event.
    const succeeded = checkoutCompleted(userId).replace('"checkout.session.completed"', '"checkout.session.async_payment_succeeded"');
    expect(await handleStripeWebhook({ ...signed(succeeded), ...options })).toMatchObject({ outcome: "purchase" });
  });

  it("takes refunded credits back once per refund, including partial refunds that come later", async () => {
    const { prisma } = context;
    const userId = await context.createUser("ada@example.com");
    const options = { webhookSecret: WEBHOOK_SECRET, prisma, lookups: noStripeCalls };
    await handleStripeWebhook({ ...signed(checkoutCompleted(userId)), ...options });

    const partial = signed(chargeRefunded(userId, [{ id: "re_1", amount: 500 }]));
    expect(await handleStripeWebhook({ ...partial, ...options })).toEqual({ outcome: "refund", userId, amountMicros: -5_000_000n, refundIds: ["re_1"] });
    expect(await handleStripeWebhook({ ...partial, ...options })).toEqual({ outcome: "duplicate" });
    expect((await getCreditSummary({ prisma, userId })).balanceMicros).toBe(15_000_000n);

    // The second event lists both refunds; only the new one is applied. A failed one returned nothing.
    const rest = signed(
      chargeRefunded(userId, [
        { id: "re_1", amount: 500 },
        { id: "re_2", amount: 1_500 },
        { id: "re_3", amount: 700, status: "failed" },
      ]),
    );
    expect(await handleStripeWebhook({ ...rest, ...options })).toEqual({ outcome: "refund", userId, amountMicros: -15_000_000n, refundIds: ["re_2"] });

    const refunds = await prisma.creditLedgerEntry.findMany({ where: { kind: "refund" }, orderBy: { createdAt: "asc" } });
    expect(refunds.map((entry) => [entry.externalId, entry.amountMicros])).toEqual([
      ["re_1", -5_000_000n],
      ["re_2", -15_000_000n],
    ]);
    expect(await getCreditSummary({ prisma, userId })).toMatchObject({ balanceMicros: 0n, purchasedMicros: 0n });
    expect(await auditLedger({ prisma })).toEqual([]);
  });

  it("finds the buyer of a refunded charge through the checkout session when the charge lacks the metadata", async () => {
    const { prisma } = context;
    const userId = await context.createUser("ada@example.com");
    await grantCredits({ recipient: { userId }, amountMicros: 1_000_000n, note: "start", prisma });
    const asked: string[] = [];
    const lookups: StripeLookups = {
      async findCheckoutSessionMetadata(paymentIntentId) {
        asked.push(`session for ${paymentIntentId}`);
        return { userId, micros: "20000000" };
      },
      async listRefunds(chargeId) {
        asked.push(`refunds of ${chargeId}`);
        return [{ id: "re_9", amount: 100, currency: "usd", status: "succeeded" }];
      },
    };
    const event = stripeEvent("evt_9", "charge.refunded", { id: "ch_test_9", object: "charge", payment_intent: "pi_test_9", metadata: {}, refunds: null });
    expect(await handleStripeWebhook({ ...signed(event), webhookSecret: WEBHOOK_SECRET, prisma, lookups })).toMatchObject({ outcome: "refund", amountMicros: -1_000_000n });
    expect(asked).toEqual(["session for pi_test_9", "refunds of ch_test_9"]);
  });
});
