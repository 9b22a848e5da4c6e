import { z } from "zod";

/**
 * The only module that reads process.env. Empty strings count as unset, so
 * `FOO=` in a .env file does not switch anything on.
 */

const optionalString = z.preprocess((value) => (value === "" ? undefined : value), z.string().optional());
const optionalUrl = z.preprocess((value) => (value === "" ? undefined : value), z.url().optional());
const flag = z.preprocess(
  (value) => (value === "" || value === undefined ? "false" : String(value).toLowerCase()),
  z.enum(["1", "true", "yes", "0", "false", "no"]).transform((value) => value === "1" || value === "true" || value === "yes"),
);

/** Providers reached through the shared OpenAI-compatible adapter or a native one. */
export const PROVIDER_ENV_NAMES = [
  "OPENAI",
  "ANTHROPIC",
  "GEMINI",
  "MISTRAL",
  "GROQ",
  "TOGETHER",
  "FIREWORKS",
  "DEEPSEEK",
  "XAI",
  "OPENROUTER",
] as const;
export type ProviderEnvName = (typeof PROVIDER_ENV_NAMES)[number];

const providerShape = Object.fromEntries(
  PROVIDER_ENV_NAMES.flatMap((name) => [
    [`${name}_API_KEY`, optionalString],
    [`${name}_BASE_URL`, optionalUrl],
  ]),
) as Record<`${ProviderEnvName}_API_KEY` | `${ProviderEnvName}_BASE_URL`, typeof optionalString>;

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOSTNAME: optionalString,
  DATABASE_URL: optionalString,
  ...providerShape,
  OLLAMA_BASE_URL: optionalUrl,
  /** "auto" (default): on when no upstream provider is configured. */
  SIMULATED_PROVIDER: z.enum(["auto", "on", "off"]).default("auto"),
  /** Scales the simulated provider's delays: 0 makes it instant (tests), 1 is realistic. */
  SIMULATED_SPEED: z.coerce.number().min(0).max(100).default(1),
  /** Milliseconds between SSE keep-alive comments while waiting for the first token. */
  STREAM_KEEPALIVE_MS: z.coerce.number().int().min(10).default(3000),
  /** Milliseconds to wait for a provider to answer a request (non-streaming) or send its first token. */
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).default(300_000),
  /** Milliseconds a stream may go without output after its first token before it is ended with an error. */
  UPSTREAM_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
  /** Largest provider answer read, in bytes: a whole JSON body, or one event of a stream. */
  UPSTREAM_MAX_RESPONSE_BYTES: z.coerce.number().int().min(1024).default(32 * 1024 * 1024),
  /**
   * Settled generations and their debits are written in batches this often
   * (ms): the most a process killed outright can lose. 0 writes each one
   * before its response ends.
   */
  USAGE_FLUSH_INTERVAL_MS: z.coerce.number().int().min(0).max(10_000).default(100),
  /** Largest request body accepted, in bytes. */
  MAX_REQUEST_BYTES: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
  /** Free-model limits per account. */
  FREE_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  FREE_REQUESTS_PER_DAY: z.coerce.number().int().min(1).default(200),
  /** The daily free-model limit of accounts that have bought at least $10 of credits (OpenRouter's rule). */
  FREE_REQUESTS_PER_DAY_PURCHASED: z.coerce.number().int().min(1).default(1000),
  /** What requests served with a user's own provider key are billed, as a percentage of the price (OpenRouter charges 5%). */
  BYOK_FEE_PERCENT: z.coerce.number().min(0).max(100).default(5),
  /** Signs and encrypts session cookies; `npm start` generates one into ./data/auth-secret when unset. */
  AUTH_SECRET: optionalString,
  /** "Sign in with GitHub" appears only when both are set. */
  AUTH_GITHUB_ID: optionalString,
  AUTH_GITHUB_SECRET: optionalString,
  /** "Sign in with Google" appears only when both are set. */
  AUTH_GOOGLE_ID: optionalString,
  AUTH_GOOGLE_SECRET: optionalString,
  /** Buying credits by card is offered only when set (`sk_live_…` or `sk_test_…`). */
  STRIPE_SECRET_KEY: optionalString,
  /** Verifies Stripe's webhook deliveries (`whsec_…`); without it the webhook refuses every event. */
  STRIPE_WEBHOOK_SECRET: optionalString,
  /**
   * Seals provider API keys stored in the database: 32 bytes as 64 hex digits
   * or base64. `npm start` generates one into ./data/encryption-key when unset.
   */
  SWITCHYARD_ENCRYPTION_KEY: optionalString.refine((value) => value === undefined || isEncryptionKeyText(value), {
    // Never the value itself: it is a secret.
    message: "must be 32 bytes written as 64 hex digits or as base64",
  }),
  /** Lets an admin point a provider at a private or loopback address (a local Ollama or vLLM), over http too. */
  ALLOW_PRIVATE_PROVIDER_URLS: flag,
  /**
   * How many reverse proxies stand in front of the app, each appending to
   * X-Forwarded-For. 0 (unset): the client is the socket's peer and the
   * header is ignored, as any client can send it. "true" means 1.
   */
  TRUST_PROXY: z.preprocess((value) => {
    const text = value === undefined ? "" : String(value).toLowerCase();
    if (text === "" || text === "false" || text === "no") return 0;
    if (text === "true" || text === "yes") return 1;
    return text;
  }, z.coerce.number().int().min(0).max(10)),
  /** Failed password sign-ins allowed from one client address in 15 minutes, whatever the emails. */
  SIGN_IN_FAILURES_PER_IP: z.coerce.number().int().min(1).default(50),
  /** Sign-ups allowed from one client address in an hour. */
  SIGN_UPS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(20),
  /** `GET /metrics` answers only with `Authorization: Bearer <this>`; unset, it is not served. */
  METRICS_TOKEN: optionalString,
});

function isEncryptionKeyText(value: string): boolean {
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return true;
  return /^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(text) && Buffer.from(text, "base64").length === 32;
}

export type Env = z.infer<typeof envSchema>;

function loadEnv(source: NodeJS.ProcessEnv): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
  throw new Error(`Invalid environment: ${problems}`);
}

export const env: Env = loadEnv(process.env);

/** For tests and scripts that build an environment of their own. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  return loadEnv(source as NodeJS.ProcessEnv);
}
