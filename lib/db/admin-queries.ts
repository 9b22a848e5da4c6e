import "server-only";
import { generateApiKey } from "../auth/api-key";
import { getPrisma, type PrismaClient } from "./client";
import { appendLedgerEntry, getCreditSummary } from "./credit-ledger";

export interface CreatedKey {
  userId: string;
  apiKeyId: string;
  /** The new key's secret: shown once, never stored. */
  secret: string;
  balanceMicros: bigint;
}

/**
 * Creates the user if missing, grants the credits and issues a new API key,
 * all in one transaction so a failure leaves nothing half-made.
 */
export async function createUserKey(input: {
  email: string;
  name?: string;
  creditsMicros: bigint;
  prisma?: PrismaClient;
}): Promise<CreatedKey> {
  const prisma = input.prisma ?? getPrisma();
  const key = generateApiKey();
  const email = input.email.trim().toLowerCase();
  return prisma.$transaction(async (transaction) => {
    const user = await transaction.user.upsert({ where: { email }, create: { email }, update: {} });
    const apiKey = await transaction.apiKey.create({
      data: { userId: user.id, name: input.name ?? "default", keyHash: key.hash, prefix: key.prefix },
    });
    if (input.creditsMicros > 0n) {
      await appendLedgerEntry(transaction, { userId: user.id, amountMicros: input.creditsMicros, kind: "grant", note: "admin grant" });
    }
    const { balanceMicros } = await getCreditSummary({ prisma: transaction, userId: user.id });
    return { userId: user.id, apiKeyId: apiKey.id, secret: key.secret, balanceMicros };
  });
}
