import "server-only";
import { getPrisma, type PrismaClient } from "../db/client";
import { getCreditSummary } from "../db/credit-ledger";

export interface LedgerEntryView {
  id: string;
  kind: string;
  /** Signed micro-dollars as a decimal string: JSON numbers cannot hold every BigInt. */
  amountMicros: string;
  note: string | null;
  generationId: string | null;
  createdAt: Date;
}

export interface LedgerPage {
  balanceMicros: string;
  entries: LedgerEntryView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/**
 * One page of a user's ledger, newest first, with their balance. The cursor
 * is an entry id; an id that is not one of the user's entries yields an
 * empty page rather than someone else's history.
 */
export async function getLedgerPage(input: { userId: string; limit: number; cursor?: string; prisma?: PrismaClient }): Promise<LedgerPage> {
  const prisma = input.prisma ?? getPrisma();
  const [rows, summary] = await Promise.all([
    prisma.creditLedgerEntry.findMany({
      where: { userId: input.userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      // The cursor names the user too, so another user's entry id cannot be used to page.
      ...(input.cursor ? { cursor: { id: input.cursor, userId: input.userId }, skip: 1 } : {}),
      select: { id: true, kind: true, amountMicros: true, note: true, generationId: true, createdAt: true },
    }),
    getCreditSummary({ prisma, userId: input.userId }),
  ]);
  const page = rows.slice(0, input.limit);
  return {
    balanceMicros: summary.balanceMicros.toString(),
    entries: page.map((row) => ({ ...row, amountMicros: row.amountMicros.toString() })),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
