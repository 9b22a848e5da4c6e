import "server-only";
import { getPrisma, type PrismaClient } from "./client";

/** A Prisma client inside `$transaction(async (transaction) => ...)`. */
export type TransactionClient = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * What a ledger entry records. Amounts are signed micro-dollars: credits
 * added are positive (grant, redeem, purchase), taken away negative
 * (generation, refund); an adjustment may be either.
 */
export type LedgerKind = "grant" | "redeem" | "purchase" | "refund" | "generation" | "adjustment";

export interface LedgerEntryInput {
  userId: string;
  amountMicros: bigint;
  kind: LedgerKind;
  /** Makes the entry happen at most once (a Stripe session id, `redeem:<code>:<user>`); a repeat fails on the unique index. */
  externalId?: string;
  generationId?: string;
  createdById?: string;
  note?: string;
  /** Also releases this much of the account's held credits (a generation settling its hold). */
  releaseHeldMicros?: bigint;
}

/**
 * Adds an entry to the ledger and moves the user's CreditAccount balance by
 * the same amount, in the caller's transaction, so the two never disagree.
 * Every ledger write goes through here; the audit (`auditLedger`) checks it.
 */
export async function appendLedgerEntry(transaction: TransactionClient, entry: LedgerEntryInput): Promise<{ id: string; balanceMicros: bigint }> {
  const created = await transaction.creditLedgerEntry.create({
    data: {
      userId: entry.userId,
      amountMicros: entry.amountMicros,
      kind: entry.kind,
      externalId: entry.externalId ?? null,
      generationId: entry.generationId ?? null,
      createdById: entry.createdById ?? null,
      note: entry.note ?? null,
    },
    select: { id: true },
  });
  const purchased = entry.kind === "purchase" ? entry.amountMicros : entry.kind === "refund" ? entry.amountMicros : 0n;
  const account = await transaction.creditAccount.upsert({
    where: { userId: entry.userId },
    create: { userId: entry.userId, balanceMicros: entry.amountMicros, purchasedMicros: purchased > 0n ? purchased : 0n },
    update: {
      balanceMicros: { increment: entry.amountMicros },
      ...(purchased !== 0n ? { purchasedMicros: { increment: purchased } } : {}),
      ...(entry.releaseHeldMicros ? { heldMicros: { decrement: entry.releaseHeldMicros } } : {}),
    },
    select: { balanceMicros: true },
  });
  return { id: created.id, balanceMicros: account.balanceMicros };
}

export interface CreditSummary {
  balanceMicros: bigint;
  /** Reserved by requests in flight. */
  heldMicros: bigint;
  purchasedMicros: bigint;
}

/** A user's balance, holds and lifetime purchases; zeros for a user with no ledger yet. */
export async function getCreditSummary(options: { prisma: PrismaClient | TransactionClient; userId: string }): Promise<CreditSummary> {
  const account = await options.prisma.creditAccount.findUnique({
    where: { userId: options.userId },
    select: { balanceMicros: true, heldMicros: true, purchasedMicros: true },
  });
  return account ?? { balanceMicros: 0n, heldMicros: 0n, purchasedMicros: 0n };
}

export interface LedgerAuditFinding {
  userId: string;
  ledgerMicros: bigint;
  accountMicros: bigint;
}

/**
 * Users whose CreditAccount balance differs from the sum of their ledger;
 * empty when the books balance.
 */
export async function auditLedger(options: { prisma: PrismaClient }): Promise<LedgerAuditFinding[]> {
  const [sums, accounts] = await Promise.all([
    options.prisma.creditLedgerEntry.groupBy({ by: ["userId"], _sum: { amountMicros: true } }),
    options.prisma.creditAccount.findMany({ select: { userId: true, balanceMicros: true } }),
  ]);
  const ledger = new Map(sums.map((row) => [row.userId, row._sum.amountMicros ?? 0n]));
  const findings: LedgerAuditFinding[] = [];
  for (const account of accounts) {
    const ledgerMicros = ledger.get(account.userId) ?? 0n;
    if (ledgerMicros !== account.balanceMicros) findings.push({ userId: account.userId, ledgerMicros, accountMicros: account.balanceMicros });
    ledger.delete(account.userId);
  }
  for (const [userId, ledgerMicros] of ledger) {
    if (ledgerMicros !== 0n) findings.push({ userId, ledgerMicros, accountMicros: 0n });
  }
  return findings;
}

export interface CreditTotals {
  /** Everything added to the account (grants, purchases, redeemed codes) less refunds and negative adjustments. */
  totalCreditsMicros: bigint;
  /** Everything generations debited, as a positive amount. */
  totalUsageMicros: bigint;
}

/**
 * The account's lifetime credits and usage as OpenRouter's `GET /credits`
 * reports them. Its clients show `total_credits - total_usage` as the
 * balance, so every ledger entry that is not a generation debit counts as
 * credits (a refund or a negative adjustment lowers them): the two then
 * differ by exactly the ledger's balance.
 * @see https://openrouter.ai/docs/api/api-reference/credits/get-credits
 */
export async function getCreditTotals(input: { userId: string; prisma?: PrismaClient }): Promise<CreditTotals> {
  const prisma = input.prisma ?? getPrisma();
  const sums = await prisma.creditLedgerEntry.groupBy({ by: ["kind"], where: { userId: input.userId }, _sum: { amountMicros: true } });
  let totalCreditsMicros = 0n;
  let totalUsageMicros = 0n;
  for (const row of sums) {
    const amount = row._sum.amountMicros ?? 0n;
    if (row.kind === "generation") totalUsageMicros -= amount;
    else totalCreditsMicros += amount;
  }
  return { totalCreditsMicros, totalUsageMicros };
}
