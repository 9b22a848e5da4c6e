import "server-only";
import Stripe from "stripe";
import { z } from "zod";
import { getPrisma, type PrismaClient } from "../db/client";
import { appendLedgerEntry } from "../db/credit-ledger";
import { env } from "../env";
import { InvalidRequestError } from "../gateway/errors";
import { PaymentsNotConfiguredError } from "./billing-errors";
import { MICROS_PER_CENT } from "./dollar-amount";
import { isUniqueViolation, retryOnConflict } from "./prisma-retry";
import { getStripe } from "./stripe-client";

/** What a delivery did; the webhook answers 200 in every case, so Stripe stops resending. */
export type WebhookOutcome =
  | { outcome: "purchase"; userId: string; amountMicros: bigint }
  | { outcome: "refund"; userId: string; amountMicros: bigint; refundIds: string[] }
  | { outcome: "duplicate" }
  | { outcome: "ignored"; reason: string };

/** One refund of a charge, as Stripe lists it. */
export interface StripeRefund {
  id: string;
  /** In cents. */
  amount: number;
  currency: string;
  status?: string | null;
}

/**
 * The calls to Stripe a refund may need when the event alone does not say
 * enough. Tests pass events that carry everything, and a stand-in that fails.
 */
export interface StripeLookups {
  /** The metadata of the checkout session that created this payment intent. */
  findCheckoutSessionMetadata(paymentIntentId: string): Promise<Record<string, string> | null>;
  listRefunds(chargeId: string): Promise<StripeRefund[]>;
}

// Minimal shapes of what the handled events carry; the rest is ignored.
const idOrObjectSchema = z.union([z.string(), z.object({ id: z.string() })]).nullish();
const metadataSchema = z.record(z.string(), z.string()).nullish();
const purchaseMetadataSchema = z.object({ userId: z.string().min(1), micros: z.string().regex(/^[1-9]\d{0,17}$/) });

const checkoutSessionSchema = z.object({
  id: z.string(),
  payment_status: z.string(),
  currency: z.string().nullish(),
  payment_intent: idOrObjectSchema,
  metadata: metadataSchema,
});

const refundSchema = z.object({ id: z.string(), amount: z.number().int().nonnegative(), currency: z.string(), status: z.string().nullish() });

const chargeSchema = z.object({
  id: z.string(),
  payment_intent: idOrObjectSchema,
  metadata: metadataSchema,
  // Since API version 2022-11-15 a charge no longer includes its refunds unless expanded.
  refunds: z.object({ data: z.array(refundSchema), has_more: z.boolean() }).nullish(),
});

// A refund that failed or was canceled returned nothing to the buyer.
const REFUND_STATUSES_THAT_COUNT = new Set(["succeeded", "pending", "requires_action"]);

/**
 * Verifies a Stripe webhook delivery and applies it to the ledger:
 * a paid checkout adds one "purchase" entry (externalId = the session id),
 * a refunded charge one negative "refund" entry per refund (externalId = the
 * refund id). The externalIds make every delivery idempotent, as Stripe
 * resends events and may send one twice.
 * @throws InvalidRequestError (400) for a missing or wrong signature.
 */
export async function handleStripeWebhook(input: {
  rawBody: string;
  signatureHeader: string | null;
  webhookSecret?: string;
  prisma?: PrismaClient;
  lookups?: StripeLookups;
}): Promise<WebhookOutcome> {
  const secret = input.webhookSecret ?? env.STRIPE_WEBHOOK_SECRET;
  if (!secret) throw new PaymentsNotConfiguredError("The Stripe webhook is not set up on this server: STRIPE_WEBHOOK_SECRET is unset.");
  if (!input.signatureHeader) throw new InvalidRequestError("Missing Stripe-Signature header.", { code: "invalid_signature" });

  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(input.rawBody, input.signatureHeader, secret);
  } catch (error) {
    throw new InvalidRequestError("Invalid Stripe signature.", { code: "invalid_signature", cause: error });
  }

  const prisma = input.prisma ?? getPrisma();
  switch (event.type) {
    case "checkout.session.completed":
    // A delayed payment method (a bank debit) completes the checkout unpaid and succeeds later.
    case "checkout.session.async_payment_succeeded":
      return creditPurchase({ prisma, session: checkoutSessionSchema.parse(event.data.object) });
    case "charge.refunded":
      return debitRefunds({ prisma, charge: chargeSchema.parse(event.data.object), lookups: input.lookups ?? stripeLookups() });
    default:
      return { outcome: "ignored", reason: `event type ${event.type} is not handled` };
  }
}

async function creditPurchase(input: { prisma: PrismaClient; session: z.infer<typeof checkoutSessionSchema> }): Promise<WebhookOutcome> {
  const { prisma, session } = input;
  if (session.payment_status !== "paid") return { outcome: "ignored", reason: `payment status is ${session.payment_status}` };
  const metadata = purchaseMetadataSchema.safeParse(session.metadata);
  // The Stripe account may sell other things too; only sessions made by createCheckoutSession carry this.
  if (!metadata.success) return { outcome: "ignored", reason: "not a credit purchase" };
  if (session.currency && session.currency !== "usd") return ignoredWithWarning(`checkout ${session.id} was paid in ${session.currency}, not usd`);
  const { userId } = metadata.data;
  const amountMicros = BigInt(metadata.data.micros);
  if (!(await prisma.user.findUnique({ where: { id: userId }, select: { id: true } }))) {
    return ignoredWithWarning(`checkout ${session.id} was paid for user ${userId}, who no longer exists`);
  }
  const paymentIntentId = idOf(session.payment_intent);
  const written = await appendOnce({
    prisma,
    entry: {
      userId,
      amountMicros,
      kind: "purchase",
      externalId: session.id,
      note: paymentIntentId ? `Stripe payment ${paymentIntentId}` : "Stripe payment",
    },
  });
  return written ? { outcome: "purchase", userId, amountMicros } : { outcome: "duplicate" };
}

async function debitRefunds(input: {
  prisma: PrismaClient;
  charge: z.infer<typeof chargeSchema>;
  lookups: StripeLookups;
}): Promise<WebhookOutcome> {
  const { prisma, charge, lookups } = input;
  const paymentIntentId = idOf(charge.payment_intent);
  let userId = charge.metadata?.userId;
  if (!userId && paymentIntentId) userId = (await lookups.findCheckoutSessionMetadata(paymentIntentId))?.userId;
  if (!userId) return { outcome: "ignored", reason: "not a credit purchase" };
  if (!(await prisma.user.findUnique({ where: { id: userId }, select: { id: true } }))) {
    return ignoredWithWarning(`charge ${charge.id} was refunded for user ${userId}, who no longer exists`);
  }

  const refunds = charge.refunds && !charge.refunds.has_more ? charge.refunds.data : await lookups.listRefunds(charge.id);
  const refundIds: string[] = [];
  let amountMicros = 0n;
  for (const refund of refunds) {
    if (refund.status && !REFUND_STATUSES_THAT_COUNT.has(refund.status)) continue;
    if (refund.currency !== "usd") {
      console.warn(`[stripe] refund ${refund.id} is in ${refund.currency}, not usd; not applied`);
      continue;
    }
    const micros = -BigInt(refund.amount) * MICROS_PER_CENT;
    const written = await appendOnce({
      prisma,
      entry: { userId, amountMicros: micros, kind: "refund", externalId: refund.id, note: `Stripe refund of charge ${charge.id}` },
    });
    if (!written) continue;
    refundIds.push(refund.id);
    amountMicros += micros;
  }
  return refundIds.length > 0 ? { outcome: "refund", userId, amountMicros, refundIds } : { outcome: "duplicate" };
}

/** Appends the entry unless its externalId is already in the ledger; false when it was. */
async function appendOnce(input: { prisma: PrismaClient; entry: Parameters<typeof appendLedgerEntry>[1] & { externalId: string } }): Promise<boolean> {
  const { prisma, entry } = input;
  if (await prisma.creditLedgerEntry.findUnique({ where: { externalId: entry.externalId }, select: { id: true } })) return false;
  try {
    await retryOnConflict(() => prisma.$transaction((transaction) => appendLedgerEntry(transaction, entry)));
    return true;
  } catch (error) {
    // Two deliveries of one event at once: the other one wrote it.
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

function idOf(value: string | { id: string } | null | undefined): string | undefined {
  return typeof value === "string" ? value : (value?.id ?? undefined);
}

function ignoredWithWarning(reason: string): WebhookOutcome {
  console.warn(`[stripe] ${reason}; not applied`);
  return { outcome: "ignored", reason };
}

function stripeLookups(): StripeLookups {
  return {
    async findCheckoutSessionMetadata(paymentIntentId) {
      const sessions = await getStripe().checkout.sessions.list({ payment_intent: paymentIntentId, limit: 1 });
      return sessions.data[0]?.metadata ?? null;
    },
    async listRefunds(chargeId) {
      const refunds: StripeRefund[] = [];
      for await (const refund of getStripe().refunds.list({ charge: chargeId, limit: 100 })) refunds.push(refund);
      return refunds;
    },
  };
}
