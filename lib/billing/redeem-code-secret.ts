import { createHash, randomInt } from "node:crypto";

/**
 * Redeem codes are typed by people, so they use Crockford's base32 (no I, L,
 * O or U to misread) in dash-separated groups: `SY-XXXXX-XXXXX-XXXXX-XXXXX`,
 * 20 random characters or 100 bits, far beyond guessing.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_PREFIX = "SY";
const GROUPS = 4;
const GROUP_LENGTH = 5;

export interface NewRedeemCode {
  /** The code, shown to the admin once and never stored. */
  code: string;
  /** SHA-256 of the normalised code, hex: what the database keeps and looks up. */
  hash: string;
  /** The first group, to tell codes apart in lists. */
  prefix: string;
}

export function generateRedeemCode(): NewRedeemCode {
  const groups = Array.from({ length: GROUPS }, () => Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(""));
  const code = [CODE_PREFIX, ...groups].join("-");
  return { code, hash: hashRedeemCode(code), prefix: `${CODE_PREFIX}-${groups[0]}` };
}

/**
 * The same code however it was typed: any case, with or without dashes and
 * spaces, and with the letters Crockford's base32 reads as digits (O for 0,
 * I and L for 1).
 */
export function normalizeRedeemCode(text: string): string {
  const compact = text.toUpperCase().replace(/[\s-]/g, "");
  // By length, not by the letters alone: a code's first group may itself start with "SY".
  const withPrefix = compact.length === CODE_PREFIX.length + GROUPS * GROUP_LENGTH && compact.startsWith(CODE_PREFIX);
  const body = withPrefix ? compact.slice(CODE_PREFIX.length) : compact;
  return CODE_PREFIX + body.replace(/O/g, "0").replace(/[IL]/g, "1");
}

/** A fast hash is right for 100 random bits, as for API keys: there is nothing to brute-force. */
export function hashRedeemCode(text: string): string {
  return createHash("sha256").update(normalizeRedeemCode(text)).digest("hex");
}
