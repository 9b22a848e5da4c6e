import "server-only";
import { z } from "zod";
import { getEncryptionKey } from "../crypto/encryption-key";
import { maskSecret } from "../crypto/mask-secret";
import { decryptSecret, encryptSecret, SecretDecryptionError } from "../crypto/secret-box";
import { env as processEnv, type Env, type ProviderEnvName } from "../env";
import { InvalidRequestError } from "../gateway/errors";
import { openAICompatibleProviders } from "../gateway/providers/openai-compatible/providers-config";
import { checkProviderUrl } from "../security/check-provider-url";
import { getPrisma, type PrismaClient } from "./client";
import { bumpCacheVersion } from "./cache-versions";

/**
 * Instance-wide settings an admin makes in the app. They override the
 * environment's: a provider's key, base URL and on/off switch
 * (ProviderSetting), and the free-model limits (Setting, as JSON). The
 * gateway reads them through `loadProviderSettings` and
 * `loadFreeLimitSettings`.
 */

// ---- Providers ------------------------------------------------------------

/** A provider an admin can configure or a user can bring a key for. */
export interface ProviderChoice {
  id: string;
  name: string;
  envName: ProviderEnvName;
  defaultBaseUrl: string;
}

// Every upstream in the registry, Anthropic and Google AI Studio (native adapters) included.
const PROVIDER_CHOICES: readonly ProviderChoice[] = openAICompatibleProviders.map(({ id, name, envName, defaultBaseUrl }) => ({ id, name, envName, defaultBaseUrl }));

export function listProviderChoices(): readonly ProviderChoice[] {
  return PROVIDER_CHOICES;
}

export function findProviderChoice(providerId: string): ProviderChoice | undefined {
  return PROVIDER_CHOICES.find((provider) => provider.id === providerId);
}

/** An admin's override of one provider, decrypted: for the gateway only, never for a response. */
export interface ProviderOverride {
  providerId: string;
  /** Replaces `<ENV>_API_KEY` when set. */
  apiKey: string | undefined;
  /** Replaces `<ENV>_BASE_URL` when set. */
  baseUrl: string | undefined;
  /** False switches the provider off whatever the environment says. */
  enabled: boolean;
}

/** What the admin page shows of one provider: where its settings come from, never a key. */
export interface ProviderConfiguration extends ProviderChoice {
  environment: { hasApiKey: boolean; baseUrl: string | null };
  override: {
    keyPrefix: string | null;
    /** A key is stored but no longer decrypts (the encryption key changed): enter it again. */
    keyUnreadable: boolean;
    baseUrl: string | null;
    enabled: boolean;
    updatedAt: Date;
  } | null;
}

/** Checks the shape of a pasted API key; the message never repeats it. */
export function normalizeApiKey(apiKey: string): string {
  const trimmed = apiKey.trim();
  if (trimmed.length < 8 || trimmed.length > 1000 || /\s/.test(trimmed)) {
    throw new InvalidRequestError("That does not look like an API key: paste the whole key, without spaces.", { param: "apiKey" });
  }
  return trimmed;
}

function providerContext(providerId: string): string {
  return `provider-setting:${providerId}`;
}

type DecryptResult = { apiKey: string } | { unreadable: true } | undefined;

function decryptStoredKey(providerId: string, encryptedApiKey: string | null, key: () => Buffer): DecryptResult {
  if (encryptedApiKey === null) return undefined;
  try {
    return { apiKey: decryptSecret({ ciphertext: encryptedApiKey, key: key(), context: providerContext(providerId) }) };
  } catch (error) {
    if (!(error instanceof SecretDecryptionError)) throw error;
    console.warn(`[settings] the stored ${providerId} API key cannot be decrypted (was the encryption key changed?); ignoring it`);
    return { unreadable: true };
  }
}

/** The admin overrides by provider id, keys decrypted. Providers without a row are not in the map. */
export async function loadProviderSettings(options: { encryptionKey?: Buffer; prisma?: PrismaClient } = {}): Promise<Map<string, ProviderOverride>> {
  const prisma = options.prisma ?? getPrisma();
  const rows = await prisma.providerSetting.findMany();
  const key = () => options.encryptionKey ?? getEncryptionKey();
  return new Map(
    rows.map((row) => {
      const decrypted = decryptStoredKey(row.providerId, row.encryptedApiKey, key);
      const apiKey = decrypted && "apiKey" in decrypted ? decrypted.apiKey : undefined;
      return [row.providerId, { providerId: row.providerId, apiKey, baseUrl: row.baseUrl ?? undefined, enabled: row.enabled }];
    }),
  );
}

/** Every provider with its environment configuration and the admin's override, for the admin page. */
export async function listProviderConfigurations(options: { environment?: Env; encryptionKey?: Buffer; prisma?: PrismaClient } = {}): Promise<ProviderConfiguration[]> {
  const prisma = options.prisma ?? getPrisma();
  const environment = options.environment ?? processEnv;
  const rows = new Map((await prisma.providerSetting.findMany()).map((row) => [row.providerId, row]));
  const key = () => options.encryptionKey ?? getEncryptionKey();
  return PROVIDER_CHOICES.map((provider) => {
    const row = rows.get(provider.id);
    const decrypted = row ? decryptStoredKey(provider.id, row.encryptedApiKey, key) : undefined;
    return {
      ...provider,
      environment: {
        hasApiKey: environment[`${provider.envName}_API_KEY`] !== undefined,
        baseUrl: environment[`${provider.envName}_BASE_URL`] ?? null,
      },
      override: row
        ? {
            keyPrefix: decrypted && "apiKey" in decrypted ? maskSecret(decrypted.apiKey) : null,
            keyUnreadable: decrypted !== undefined && "unreadable" in decrypted,
            baseUrl: row.baseUrl,
            enabled: row.enabled,
            updatedAt: row.updatedAt,
          }
        : null,
    };
  });
}

/**
 * Changes an admin override; fields left undefined stay as they are. An
 * `apiKey` of null removes the stored key (the environment's applies again),
 * a `baseUrl` of null the stored URL. A base URL must pass
 * `checkProviderUrl`: https to a public host unless
 * ALLOW_PRIVATE_PROVIDER_URLS is set.
 */
export async function saveProviderSetting(input: {
  providerId: string;
  apiKey?: string | null;
  baseUrl?: string | null;
  enabled?: boolean;
  allowPrivateUrls?: boolean;
  encryptionKey?: Buffer;
  prisma?: PrismaClient;
}): Promise<void> {
  const prisma = input.prisma ?? getPrisma();
  if (!findProviderChoice(input.providerId)) throw new InvalidRequestError("Unknown provider.", { param: "providerId", code: "unknown_provider" });
  let baseUrl = input.baseUrl;
  if (typeof baseUrl === "string") {
    const checked = checkProviderUrl({ url: baseUrl, allowPrivate: input.allowPrivateUrls ?? processEnv.ALLOW_PRIVATE_PROVIDER_URLS });
    if (!checked.ok) throw new InvalidRequestError(checked.reason, { param: "baseUrl", code: "invalid_base_url" });
    baseUrl = checked.url;
  }
  let encryptedApiKey: string | null | undefined;
  if (typeof input.apiKey === "string") {
    const apiKey = normalizeApiKey(input.apiKey);
    encryptedApiKey = encryptSecret({ plaintext: apiKey, key: input.encryptionKey ?? getEncryptionKey(), context: providerContext(input.providerId) });
  } else {
    encryptedApiKey = input.apiKey;
  }
  const changes = {
    ...(encryptedApiKey !== undefined ? { encryptedApiKey } : {}),
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
  };
  await prisma.providerSetting.upsert({ where: { providerId: input.providerId }, create: { providerId: input.providerId, ...changes }, update: changes });
  await bumpCacheVersion("providers", prisma);
}

/** Drops the admin's override: the provider is configured by the environment alone again. */
export async function deleteProviderSetting(input: { providerId: string; prisma?: PrismaClient }): Promise<void> {
  const prisma = input.prisma ?? getPrisma();
  await prisma.providerSetting.deleteMany({ where: { providerId: input.providerId } });
  await bumpCacheVersion("providers", prisma);
}

// ---- Free-model limits ----------------------------------------------------

export const FREE_LIMITS_SETTING_KEY = "free-model-limits";

const limitSchema = z.number().int().min(1).max(1_000_000);

export const freeLimitsSchema = z.object({
  perMinute: limitSchema,
  perDay: limitSchema,
  /** For accounts that have bought credits (see FREE_REQUESTS_PER_DAY_PURCHASED). */
  perDayPurchased: limitSchema,
});

export type FreeLimits = z.infer<typeof freeLimitsSchema>;

export interface FreeLimitSettings extends FreeLimits {
  /** "admin" when an admin set them in the app, "environment" for the FREE_REQUESTS_* defaults. */
  source: "admin" | "environment";
  defaults: FreeLimits;
}

function environmentLimits(environment: Env): FreeLimits {
  return {
    perMinute: environment.FREE_REQUESTS_PER_MINUTE,
    perDay: environment.FREE_REQUESTS_PER_DAY,
    perDayPurchased: environment.FREE_REQUESTS_PER_DAY_PURCHASED,
  };
}

/**
 * The free-model limits in force: the admin's when set, else the
 * environment's. A stored value that no longer parses (edited by hand, an
 * older format) falls back to the environment's with a warning rather than
 * switching the limits off.
 */
export async function loadFreeLimitSettings(options: { environment?: Env; prisma?: PrismaClient } = {}): Promise<FreeLimitSettings> {
  const prisma = options.prisma ?? getPrisma();
  const defaults = environmentLimits(options.environment ?? processEnv);
  const row = await prisma.setting.findUnique({ where: { key: FREE_LIMITS_SETTING_KEY } });
  if (!row) return { ...defaults, source: "environment", defaults };
  const parsed = freeLimitsSchema.safeParse(parseJson(row.value));
  if (!parsed.success) {
    console.warn(`[settings] the stored ${FREE_LIMITS_SETTING_KEY} setting is not valid; using the environment's limits`);
    return { ...defaults, source: "environment", defaults };
  }
  return { ...parsed.data, source: "admin", defaults };
}

export async function saveFreeLimitSettings(input: { limits: FreeLimits; environment?: Env; prisma?: PrismaClient }): Promise<FreeLimitSettings> {
  const prisma = input.prisma ?? getPrisma();
  const parsed = freeLimitsSchema.safeParse(input.limits);
  if (!parsed.success) throw new InvalidRequestError("Each limit must be a whole number from 1 to 1,000,000.", { param: "limits" });
  const value = JSON.stringify(parsed.data);
  await prisma.setting.upsert({ where: { key: FREE_LIMITS_SETTING_KEY }, create: { key: FREE_LIMITS_SETTING_KEY, value }, update: { value } });
  await bumpCacheVersion("free-limits", prisma);
  return loadFreeLimitSettings({ environment: input.environment, prisma });
}

/** Back to the environment's FREE_REQUESTS_* limits. */
export async function resetFreeLimitSettings(input: { environment?: Env; prisma?: PrismaClient } = {}): Promise<FreeLimitSettings> {
  const prisma = input.prisma ?? getPrisma();
  await prisma.setting.deleteMany({ where: { key: FREE_LIMITS_SETTING_KEY } });
  await bumpCacheVersion("free-limits", prisma);
  return loadFreeLimitSettings({ environment: input.environment, prisma });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
