import { z } from "zod";

/**
 * The only module that reads process.env. Empty strings count as unset, so
 * `FOO=` in a .env file does not switch anything on.
 */

const optionalString = z.preprocess((value) => (value === "" ? undefined : value), z.string().optional());
const optionalUrl = z.preprocess((value) => (value === "" ? undefined : value), z.url().optional());

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
  /** Milliseconds to wait for a provider to answer a request (non-streaming) or send its first byte. */
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).default(300_000),
  /** Largest request body accepted, in bytes. */
  MAX_REQUEST_BYTES: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
  /** Free-model limits per account. */
  FREE_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  FREE_REQUESTS_PER_DAY: z.coerce.number().int().min(1).default(200),
  /** Signs and encrypts session cookies; `npm start` generates one into ./data/auth-secret when unset. */
  AUTH_SECRET: optionalString,
  /** "Sign in with GitHub" appears only when both are set. */
  AUTH_GITHUB_ID: optionalString,
  AUTH_GITHUB_SECRET: optionalString,
  /** "Sign in with Google" appears only when both are set. */
  AUTH_GOOGLE_ID: optionalString,
  AUTH_GOOGLE_SECRET: optionalString,
});

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
