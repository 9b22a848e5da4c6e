import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Reads a secret kept in a file beside the embedded database, creating it
 * with `generate` (readable by its owner only) when there is none yet, so a
 * fresh install needs no secret set by hand.
 */
export function loadOrCreateSecretFile(filePath: string, generate: () => string): string {
  const existing = readSecretFile(filePath);
  if (existing) return existing;
  mkdirSync(path.dirname(filePath), { recursive: true });
  const secret = generate();
  try {
    // "wx" fails when the file appeared meanwhile: two processes starting at
    // once must end up with the same secret, so the loser reads the winner's.
    writeFileSync(filePath, `${secret}\n`, { flag: "wx", mode: 0o600 });
    // The mode above is filtered by the umask; make sure it is exactly 600.
    chmodSync(filePath, 0o600);
    return secret;
  } catch (error) {
    const stored = readSecretFile(filePath);
    if (stored) return stored;
    throw error;
  }
}

/** The file's text without surrounding whitespace; undefined when it is missing or empty. */
export function readSecretFile(filePath: string): string | undefined {
  try {
    const text = readFileSync(filePath, "utf8").trim();
    return text.length > 0 ? text : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
