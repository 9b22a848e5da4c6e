import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
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
  const existing = readSecret(filePath);
  if (existing) return existing;
  mkdirSync(path.dirname(filePath), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    // "wx" fails when the file appeared meanwhile: two processes starting at
    // once must end up with the same secret, so the loser reads the winner's.
    writeFileSync(filePath, `${secret}\n`, { flag: "wx", mode: 0o600 });
    // The mode above is filtered by the umask; make sure it is exactly 600.
    chmodSync(filePath, 0o600);
    return secret;
  } catch (error) {
    const stored = readSecret(filePath);
    if (stored) return stored;
    throw error;
  }
}

function readSecret(filePath: string): string | undefined {
  try {
    const text = readFileSync(filePath, "utf8").trim();
    return text.length > 0 ? text : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
