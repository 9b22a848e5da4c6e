import "server-only";
import { ApiKeyNotFoundError, getApiKey, getApiKeyUsage } from "../db/api-key-queries";
import { getPrisma, type PrismaClient } from "../db/client";
import { getCreditSummary } from "../db/credit-ledger";
import { env } from "../env";
import { AuthenticationError } from "../gateway/errors";
import { toOpenRouterKey, type OpenRouterKey } from "./to-openrouter-key";

/**
 * OpenRouter's `GET /key` for the key the request came with. Authentication
 * caches keys for a few seconds, so the key may have been deleted or
 * disabled since: that is answered as the invalid key it now is.
 */
export async function describeCurrentKey(input: { userId: string; apiKeyId: string; prisma?: PrismaClient; now?: Date }): Promise<OpenRouterKey> {
  const prisma = input.prisma ?? getPrisma();
  const now = input.now ?? new Date();
  const query = { userId: input.userId, id: input.apiKeyId, prisma, now };
  try {
    const [key, usage, credits] = await Promise.all([getApiKey(query), getApiKeyUsage(query), getCreditSummary({ prisma, userId: input.userId })]);
    if (key.disabled) throw new AuthenticationError("Invalid or disabled API key.");
    // The only request-rate limit the gateway applies to every account is the
    // free models' per-minute one; OpenRouter calls this field deprecated.
    const rateLimit = { requests: env.FREE_REQUESTS_PER_MINUTE, interval: "1m" };
    return toOpenRouterKey({ key, usage, purchasedMicros: credits.purchasedMicros, rateLimit });
  } catch (error) {
    if (error instanceof ApiKeyNotFoundError) throw new AuthenticationError("Invalid or disabled API key.");
    throw error;
  }
}
