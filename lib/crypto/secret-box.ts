import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Secrets at rest (provider API keys) sealed with AES-256-GCM.
 *
 * Format: `v1:<nonce>:<ciphertext and tag>`, both parts base64url. The
 * version prefix lets a later format (or key rotation) be told apart from
 * this one; the nonce is random per message, 12 bytes as GCM wants, so the
 * same secret never seals to the same text. `context` is bound as associated
 * data: a ciphertext copied from one row to another (another user's key,
 * another provider) fails to open instead of quietly working there.
 */

const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const ENCRYPTION_KEY_BYTES = 32;

/** Opening failed: tampered or truncated text, another key or another context. Never says which, never holds the secret. */
export class SecretDecryptionError extends Error {
  constructor(message = "The stored secret could not be decrypted: it was changed, or it was encrypted with another key.") {
    super(message);
    this.name = "SecretDecryptionError";
  }
}

/** A 32-byte key written as 64 hex digits or as base64 (standard or URL-safe); throws on anything else. */
export function parseEncryptionKey(text: string): Buffer {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, "hex");
  if (/^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(trimmed)) {
    const decoded = Buffer.from(trimmed, "base64");
    if (decoded.length === ENCRYPTION_KEY_BYTES) return decoded;
  }
  // The text itself stays out of the message: it may be a real key with a typo.
  throw new Error(`The encryption key must be ${ENCRYPTION_KEY_BYTES} bytes written as 64 hex digits or as base64.`);
}

export function encryptSecret(input: { plaintext: string; key: Buffer; context: string }): string {
  assertKeyLength(input.key);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, input.key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(input.context, "utf8"));
  const sealed = Buffer.concat([cipher.update(input.plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}:${nonce.toString("base64url")}:${sealed.toString("base64url")}`;
}

export function decryptSecret(input: { ciphertext: string; key: Buffer; context: string }): string {
  assertKeyLength(input.key);
  const [version, nonceText, sealedText, ...rest] = input.ciphertext.split(":");
  if (version !== VERSION || nonceText === undefined || sealedText === undefined || rest.length > 0) {
    throw new SecretDecryptionError("The stored secret is not in a format this version can read.");
  }
  const nonce = Buffer.from(nonceText, "base64url");
  const sealed = Buffer.from(sealedText, "base64url");
  if (nonce.length !== NONCE_BYTES || sealed.length < TAG_BYTES) throw new SecretDecryptionError();
  try {
    const decipher = createDecipheriv(ALGORITHM, input.key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(input.context, "utf8"));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptionError();
  }
}

function assertKeyLength(key: Buffer): void {
  if (key.length !== ENCRYPTION_KEY_BYTES) throw new Error(`The encryption key must be ${ENCRYPTION_KEY_BYTES} bytes.`);
}
