import "server-only";
import { getPrisma, type PrismaClient } from "./client";

/** One row of the admin page's user list. */
export interface AdminUserRow {
  id: string;
  email: string | null;
  name: string | null;
  isAdmin: boolean;
  createdAt: Date;
  balanceMicros: bigint;
  purchasedMicros: bigint;
  requestsLast30Days: number;
}

const THIRTY_DAYS_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Users newest first, a page at a time (pass the previous page's
 * `nextCursor`), optionally only those whose email contains `search`.
 * The request counts are one grouped query for the page, not one per user.
 */
export async function listUsersForAdmin(input: {
  limit: number;
  cursor?: string;
  search?: string;
  now?: Date;
  prisma?: PrismaClient;
}): Promise<{ users: AdminUserRow[]; nextCursor: string | null }> {
  const prisma = input.prisma ?? getPrisma();
  // Emails are stored lower-case, so a lower-case `contains` finds them on both databases.
  const search = input.search?.trim().toLowerCase();
  const rows = await prisma.user.findMany({
    where: search ? { email: { contains: search } } : undefined,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      email: true,
      name: true,
      isAdmin: true,
      createdAt: true,
      creditAccount: { select: { balanceMicros: true, purchasedMicros: true } },
    },
  });
  const page = rows.slice(0, input.limit);
  const since = new Date((input.now ?? new Date()).getTime() - THIRTY_DAYS_MS);
  const counts =
    page.length === 0
      ? []
      : await prisma.generation.groupBy({
          by: ["userId"],
          where: { userId: { in: page.map((user) => user.id) }, createdAt: { gte: since } },
          _count: { _all: true },
        });
  const countByUser = new Map(counts.map((count) => [count.userId, count._count._all]));
  return {
    users: page.map(({ creditAccount, ...user }) => ({
      ...user,
      balanceMicros: creditAccount?.balanceMicros ?? 0n,
      purchasedMicros: creditAccount?.purchasedMicros ?? 0n,
      requestsLast30Days: countByUser.get(user.id) ?? 0,
    })),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
