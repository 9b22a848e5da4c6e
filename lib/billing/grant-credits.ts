import "server-only";
import { getPrisma, type PrismaClient } from "../db/client";
import { appendLedgerEntry } from "../db/credit-ledger";
import { normalizeEmail } from "../db/user-queries";
import { InvalidRequestError, NotFoundError } from "../gateway/errors";
import { formatMicrosAsDollars } from "../money";
import { retryOnConflict } from "./prisma-retry";

/** The user a grant is for: by id (the admin page) or by email (the command line). */
export type GrantRecipient = { userId: string } | { email: string };

export interface GrantResult {
  userId: string;
  email: string | null;
  entryId: string;
  amountMicros: bigint;
  balanceMicros: bigint;
}

/** Refused because it would leave the user owing credits; nothing was written. */
export class NegativeBalanceError extends InvalidRequestError {
  constructor(readonly balanceMicros: bigint) {
    super(`This would take the balance below zero: it is ${formatMicrosAsDollars(balanceMicros)}.`, { param: "amount", code: "balance_below_zero" });
  }
}

/**
 * An admin adds credits to a user's balance ("grant"), or takes some away
 * with a negative amount ("adjustment"). A negative one that would leave the
 * balance below zero is refused: the check reads the balance after the
 * atomic increment inside the transaction, so two concurrent removals cannot
 * both pass on the same stale balance.
 */
export async function grantCredits(input: {
  recipient: GrantRecipient;
  amountMicros: bigint;
  note: string;
  createdById?: string;
  prisma?: PrismaClient;
}): Promise<GrantResult> {
  if (input.amountMicros === 0n) throw new InvalidRequestError("The amount must not be zero.", { param: "amount" });
  const note = input.note.trim();
  if (!note) throw new InvalidRequestError("Say why in a note: it is kept in the ledger.", { param: "note" });

  const prisma = input.prisma ?? getPrisma();
  const where = "userId" in input.recipient ? { id: input.recipient.userId } : { email: normalizeEmail(input.recipient.email) };
  const user = await prisma.user.findUnique({ where, select: { id: true, email: true } });
  if (!user) throw new NotFoundError("No user with that id or email.", { code: "user_not_found" });

  return retryOnConflict(() =>
    prisma.$transaction(async (transaction) => {
      const entry = await appendLedgerEntry(transaction, {
        userId: user.id,
        amountMicros: input.amountMicros,
        kind: input.amountMicros > 0n ? "grant" : "adjustment",
        createdById: input.createdById,
        note,
      });
      if (input.amountMicros < 0n && entry.balanceMicros < 0n) {
        // Throwing rolls back the entry and the balance change with it.
        throw new NegativeBalanceError(entry.balanceMicros - input.amountMicros);
      }
      return { userId: user.id, email: user.email, entryId: entry.id, amountMicros: input.amountMicros, balanceMicros: entry.balanceMicros };
    }),
  );
}
