import { randomBytes } from "node:crypto";
import path from "node:path";
import { env } from "../env";
import { loadOrCreateSecretFile } from "../secrets/load-or-create-secret-file";
import { ENCRYPTION_KEY_BYTES, parseEncryptionKey } from "./secret-box";

/**
 * The key that seals provider API keys: SWITCHYARD_ENCRYPTION_KEY when set,
 * otherwise one generated on first start into ./data/encryption-key (as
 * ./data/auth-secret is for sessions), so a fresh install needs no setup.
 * Losing the file makes every stored provider key unreadable: they have to
 * be entered again. `npm start` creates it before the server starts
 * (scripts/start.mjs); `next dev` creates it on first use.
 */

export const ENCRYPTION_KEY_FILE_NAME = "encryption-key";

export function defaultEncryptionKeyPath(root: string = process.cwd()): string {
  return path.join(root, "data", ENCRYPTION_KEY_FILE_NAME);
}

/** Reads the stored key text, creating it (readable by its owner only) when there is none yet. */
export function loadOrCreateEncryptionKeyFile(filePath: string = defaultEncryptionKeyPath()): string {
  return loadOrCreateSecretFile(filePath, () => randomBytes(ENCRYPTION_KEY_BYTES).toString("base64"));
}

let resolvedKey: Buffer | undefined;

/** The process's encryption key, resolved once. */
export function getEncryptionKey(): Buffer {
  resolvedKey ??= parseEncryptionKey(env.SWITCHYARD_ENCRYPTION_KEY ?? loadOrCreateEncryptionKeyFile());
  return resolvedKey;
}

