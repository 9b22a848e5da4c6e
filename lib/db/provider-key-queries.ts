import "server-only";
import { getEncryptionKey } from "../crypto/encryption-key";
import { maskSecret } from "../crypto/mask-secret";
import { decryptSecret, encryptSecret, SecretDecryptionError } from "../crypto/secret-box";
import { InvalidRequestError, NotFoundError } from "../gateway/errors";
import { findProviderChoice, normalizeApiKey } from "./admin-settings-queries";
import { getPrisma, type PrismaClient } from "./client";
import { bumpCacheVersion } from "./cache-versions";

/** A user's own key for a provider as the UI sees it: never the key, only its mask. */
export interface ProviderKeySummary {
  providerId: string;
  prefix: string;
  createdAt: Date;
}

const SUMMARY_FIELDS = { providerId: true, prefix: true, createdAt: true } as const;

/** Binds each ciphertext to its owner and provider, so a row copied elsewhere does not decrypt. */
function encryptionContext(userId: string, providerId: string): string {
  return `user-provider-key:${userId}:${providerId}`;
}

export async function listUserProviderKeys(input: { userId: string; prisma?: PrismaClient }): Promise<ProviderKeySummary[]> {
  const prisma = input.prisma ?? getPrisma();
  return prisma.userProviderKey.findMany({ where: { userId: input.userId }, orderBy: { providerId: "asc" }, select: SUMMARY_FIELDS });
}

/** Adds the user's key for a provider, or replaces the one they had. */
export async function saveUserProviderKey(input: {
  userId: string;
  providerId: string;
  apiKey: string;
  encryptionKey?: Buffer;
  prisma?: PrismaClient;
}): Promise<ProviderKeySummary> {
  const prisma = input.prisma ?? getPrisma();
  if (!findProviderChoice(input.providerId)) throw new InvalidRequestError("Unknown provider.", { param: "providerId", code: "unknown_provider" });
  const apiKey = normalizeApiKey(input.apiKey);
  const encryptedApiKey = encryptSecret({
    plaintext: apiKey,
    key: input.encryptionKey ?? getEncryptionKey(),
    context: encryptionContext(input.userId, input.providerId),
  });
  const prefix = maskSecret(apiKey);
  // A fresh createdAt on replace: it says since when this key is in use.
  const saved = await prisma.userProviderKey.upsert({
    where: { userId_providerId: { userId: input.userId, providerId: input.providerId } },
    create: { userId: input.userId, providerId: input.providerId, encryptedApiKey, prefix },
    update: { encryptedApiKey, prefix, createdAt: new Date() },
    select: SUMMARY_FIELDS,
  });
  await bumpCacheVersion("provider-keys", prisma);
  return saved;
}

export async function deleteUserProviderKey(input: { userId: string; providerId: string; prisma?: PrismaClient }): Promise<void> {
  const prisma = input.prisma ?? getPrisma();
  const { count } = await prisma.userProviderKey.deleteMany({ where: { userId: input.userId, providerId: input.providerId } });
  if (count === 0) throw new NotFoundError("You have no key for that provider.", { code: "provider_key_not_found" });
  await bumpCacheVersion("provider-keys", prisma);
}

/**
 * The user's own keys, decrypted, by provider id: for the gateway only,
 * never for a response. A key that no longer decrypts (the encryption key
 * changed) is left out with a warning, so requests fall back to the
 * instance's keys rather than fail.
 */
export async function loadUserProviderKeys(input: { userId: string; encryptionKey?: Buffer; prisma?: PrismaClient }): Promise<Map<string, string>> {
  const prisma = input.prisma ?? getPrisma();
  const rows = await prisma.userProviderKey.findMany({ where: { userId: input.userId }, select: { providerId: true, encryptedApiKey: true } });
  const key = rows.length > 0 ? (input.encryptionKey ?? getEncryptionKey()) : undefined;
  const keys = new Map<string, string>();
  for (const row of rows) {
    if (!key) break;
    try {
      keys.set(row.providerId, decryptSecret({ ciphertext: row.encryptedApiKey, key, context: encryptionContext(input.userId, row.providerId) }));
    } catch (error) {
      if (!(error instanceof SecretDecryptionError)) throw error;
      console.warn(`[settings] a ${row.providerId} key of user ${input.userId} cannot be decrypted (was the encryption key changed?); ignoring it`);
    }
  }
  return keys;
}
