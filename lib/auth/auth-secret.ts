import { randomBytes } from "node:crypto";
import { loadOrCreateSecretFile } from "../secrets/load-or-create-secret-file";
import path from "node:path";

/**
 * Auth.js signs and encrypts session cookies with AUTH_SECRET. So that a
 * fresh install needs no key set, one is generated on first start and kept
 * beside the embedded database (./data, which git ignores): sessions then
 * survive restarts. Deleting the file signs everyone out.
 */

export const AUTH_SECRET_FILE_NAME = "auth-secret";

export function defaultAuthSecretPath(root: string = process.cwd()): string {
  return path.join(root, "data", AUTH_SECRET_FILE_NAME);
}

/** Reads the stored secret, creating it (readable by its owner only) when there is none yet. */
export function loadOrCreateAuthSecret(filePath: string = defaultAuthSecretPath()): string {
  return loadOrCreateSecretFile(filePath, () => randomBytes(32).toString("base64url"));
}
