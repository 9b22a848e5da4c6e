import { createHash } from "node:crypto";
import { randomBase62 } from "../gateway/ids";

/** Keys look like `sk-sy-v1-` and 48 base62 characters (about 285 bits). */
const KEY_PREFIX = "sk-sy-v1-";
const DISPLAY_LENGTH = KEY_PREFIX.length + 6;

export interface NewApiKey {
  /** The secret, shown to its owner once and never stored. */
  secret: string;
  /** SHA-256 of the secret, hex: what the database keeps and looks up. */
  hash: string;
  /** The start of the key, to tell keys apart in lists. */
  prefix: string;
}

export function generateApiKey(): NewApiKey {
  const secret = `${KEY_PREFIX}${randomBase62(48)}`;
  return { secret, hash: hashApiKey(secret), prefix: secret.slice(0, DISPLAY_LENGTH) };
}

/**
 * A fast hash is right here: keys are long random strings, not passwords, so
 * there is nothing to brute-force, and the lookup by hash compares no secret
 * byte by byte in our code.
 */
export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** The key from `Authorization: Bearer <key>`, or undefined. */
export function readBearerToken(authorization: string | null): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match?.[1];
}
