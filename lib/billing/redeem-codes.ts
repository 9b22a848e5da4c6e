import "server-only";
import { getPrisma, type PrismaClient } from "../db/client";
import { appendLedgerEntry } from "../db/credit-ledger";
import { InvalidRequestError, NotFoundError } from "../gateway/errors";
import { isUniqueViolation, retryOnConflict } from "./prisma-retry";
import { generateRedeemCode, hashRedeemCode } from "./redeem-code-secret";

export const MAX_CODES_PER_BATCH = 1000;

export interface RedeemCodeSummary {
  id: string;
  prefix: string;
  amountMicros: bigint;
  maxRedemptions: number;
  redeemedCount: number;
  expiresAt: Date | null;
  disabled: boolean;
  note: string | null;
  createdById: string | null;
  createdAt: Date;
}

const SUMMARY_FIELDS = {
  id: true,
  prefix: true,
  amountMicros: true,
  maxRedemptions: true,
  redeemedCount: true,
  expiresAt: true,
  disabled: true,
  note: true,
  createdById: true,
  createdAt: true,
} as const;

/** Why a code cannot be redeemed; `kind` becomes the error's `code`. */
export class RedeemCodeUnavailableError extends InvalidRequestError {
  constructor(kind: "disabled" | "expired" | "used_up" | "already_redeemed", message: string) {
    super(message, { param: "code", code: `redeem_code_${kind}` });
  }
}

export interface CreatedRedeemCodes {
  /** Each new code in full: shown once, only its hash is stored. */
  codes: Array<{ id: string; code: string; prefix: string }>;
  amountMicros: bigint;
  maxRedemptions: number;
  expiresAt: Date | null;
}

/** Creates `count` codes worth `amountMicros` each, each redeemable by up to `maxRedemptions` different users. */
export async function createRedeemCodes(input: {
  count: number;
  amountMicros: bigint;
  maxRedemptions: number;
  expiresAt?: Date;
  note?: string;
  createdById?: string;
  prisma?: PrismaClient;
}): Promise<CreatedRedeemCodes> {
  const prisma = input.prisma ?? getPrisma();
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_CODES_PER_BATCH) {
    throw new InvalidRequestError(`Create between 1 and ${MAX_CODES_PER_BATCH} codes at a time.`, { param: "count" });
  }
  if (input.amountMicros <= 0n) throw new InvalidRequestError("A code must be worth more than zero.", { param: "amount" });
  if (!Number.isInteger(input.maxRedemptions) || input.maxRedemptions < 1) {
    throw new InvalidRequestError("maxRedemptions must be a whole number of at least 1.", { param: "maxRedemptions" });
  }
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw new InvalidRequestError("expiresAt must be in the future.", { param: "expiresAt" });
  }
  const generated = Array.from({ length: input.count }, () => generateRedeemCode());
  const note = input.note?.trim() || null;
  const rows = await prisma.redeemCode.createManyAndReturn({
    data: generated.map((secret) => ({
      codeHash: secret.hash,
      prefix: secret.prefix,
      amountMicros: input.amountMicros,
      maxRedemptions: input.maxRedemptions,
      expiresAt: input.expiresAt ?? null,
      note,
      createdById: input.createdById ?? null,
    })),
    select: { id: true, codeHash: true },
  });
  const idByHash = new Map(rows.map((row) => [row.codeHash, row.id]));
  const codes = generated.map((secret) => {
    const id = idByHash.get(secret.hash);
    if (!id) throw new Error("A created redeem code was not returned by the database.");
    return { id, code: secret.code, prefix: secret.prefix };
  });
  return {
    codes,
    amountMicros: input.amountMicros,
    maxRedemptions: input.maxRedemptions,
    expiresAt: input.expiresAt ?? null,
  };
}

/** Codes newest first, a page at a time; pass the previous page's `nextCursor` for the next. */
export async function listRedeemCodes(input: { limit: number; cursor?: string; prisma?: PrismaClient }): Promise<{
  codes: RedeemCodeSummary[];
  nextCursor: string | null;
}> {
  const prisma = input.prisma ?? getPrisma();
  const rows = await prisma.redeemCode.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: SUMMARY_FIELDS,
  });
  const codes = rows.slice(0, input.limit);
  return { codes, nextCursor: rows.length > input.limit ? (codes.at(-1)?.id ?? null) : null };
}

/** Stops a code from being redeemed again; what it already granted stays. */
export async function disableRedeemCode(input: { id: string; prisma?: PrismaClient }): Promise<RedeemCodeSummary> {
  const prisma = input.prisma ?? getPrisma();
  const { count } = await prisma.redeemCode.updateMany({ where: { id: input.id }, data: { disabled: true } });
  const code = count === 0 ? null : await prisma.redeemCode.findUnique({ where: { id: input.id }, select: SUMMARY_FIELDS });
  if (!code) throw new NotFoundError("No redeem code with that id.", { code: "redeem_code_not_found" });
  return code;
}

/** What makes a redemption happen once per user and code (the ledger's unique `externalId`). */
export function redemptionExternalId(codeId: string, userId: string): string {
  return `redeem:${codeId}:${userId}`;
}

export interface Redemption {
  codeId: string;
  amountMicros: bigint;
  balanceMicros: bigint;
}

/**
 * Adds a code's credits to the user's balance. Each user redeems a code at
 * most once (the ledger's unique externalId), and the count never passes
 * `maxRedemptions` however many redeem at once: the count goes up by a
 * conditional update (`redeemedCount < maxRedemptions`), in the same
 * transaction as the ledger entry, so a redemption that fails either way
 * leaves neither behind.
 */
export async function redeemCode(input: { userId: string; code: string; prisma?: PrismaClient }): Promise<Redemption> {
  const prisma = input.prisma ?? getPrisma();
  const found = await prisma.redeemCode.findUnique({ where: { codeHash: hashRedeemCode(input.code) }, select: SUMMARY_FIELDS });
  if (!found) throw new NotFoundError("That redeem code does not exist. Check it for typos.", { param: "code", code: "redeem_code_not_found" });
  const externalId = redemptionExternalId(found.id, input.userId);
  // Checked first only for the clearer message (yours before the code's state); the
  // transaction below is what enforces each rule.
  if (await prisma.creditLedgerEntry.findUnique({ where: { externalId }, select: { id: true } })) throw alreadyRedeemed();
  const unavailable = whyUnavailable(found, new Date());
  if (unavailable) throw unavailable;

  try {
    return await retryOnConflict(() =>
      prisma.$transaction(async (transaction) => {
        const now = new Date();
        const claimed = await transaction.redeemCode.updateMany({
          where: {
            id: found.id,
            disabled: false,
            redeemedCount: { lt: transaction.redeemCode.fields.maxRedemptions },
            OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
          },
          data: { redeemedCount: { increment: 1 } },
        });
        if (claimed.count === 0) {
          const current = await transaction.redeemCode.findUnique({ where: { id: found.id }, select: SUMMARY_FIELDS });
          throw (current && whyUnavailable(current, now)) ?? usedUp();
        }
        const entry = await appendLedgerEntry(transaction, {
          userId: input.userId,
          amountMicros: found.amountMicros,
          kind: "redeem",
          externalId,
          note: `Redeem code ${found.prefix}`,
        });
        return { codeId: found.id, amountMicros: found.amountMicros, balanceMicros: entry.balanceMicros };
      }),
    );
  } catch (error) {
    // The same user redeeming twice at once: the second ledger insert hit the unique externalId.
    if (isUniqueViolation(error)) throw alreadyRedeemed();
    throw error;
  }
}

function whyUnavailable(code: RedeemCodeSummary, now: Date): RedeemCodeUnavailableError | undefined {
  if (code.disabled) return new RedeemCodeUnavailableError("disabled", "This redeem code has been disabled.");
  if (code.expiresAt && code.expiresAt.getTime() <= now.getTime()) {
    return new RedeemCodeUnavailableError("expired", `This redeem code expired on ${code.expiresAt.toISOString()}.`);
  }
  if (code.redeemedCount >= code.maxRedemptions) return usedUp();
  return undefined;
}

function usedUp(): RedeemCodeUnavailableError {
  return new RedeemCodeUnavailableError("used_up", "This redeem code has already been used as many times as it allows.");
}

function alreadyRedeemed(): RedeemCodeUnavailableError {
  return new RedeemCodeUnavailableError("already_redeemed", "You have already redeemed this code.");
}
