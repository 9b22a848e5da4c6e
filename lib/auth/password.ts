import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Passwords are stored as `scrypt$N$r$p$salt$hash` (salt and hash in
 * base64url), so the cost can be raised later without breaking the hashes
 * already stored: each one is verified with the parameters it was made with.
 */

const ALGORITHM = "scrypt";
/** 2^15 with r = 8 costs about 32 MiB and tens of milliseconds per hash: OWASP's floor for scrypt. */
const DEFAULT_COST = 2 ** 15;
const DEFAULT_BLOCK_SIZE = 8;
const DEFAULT_PARALLELIZATION = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 64;

// Bounds on what a stored string may ask for, so a corrupted or planted row
// cannot make one sign-in allocate gigabytes or spin for minutes.
const MAX_COST = 2 ** 20;
const MAX_BLOCK_SIZE = 32;
const MAX_PARALLELIZATION = 16;
const MIN_SALT_BYTES = 16;
const MIN_KEY_BYTES = 32;

export interface PasswordHashParameters {
  cost: number;
  blockSize: number;
  parallelization: number;
  salt: Buffer;
  key: Buffer;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, KEY_BYTES, {
    N: DEFAULT_COST,
    r: DEFAULT_BLOCK_SIZE,
    p: DEFAULT_PARALLELIZATION,
  });
  return [ALGORITHM, DEFAULT_COST, DEFAULT_BLOCK_SIZE, DEFAULT_PARALLELIZATION, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** False for a wrong password and for a stored string that is malformed or out of bounds. */
export async function verifyPassword(input: { password: string; storedHash: string }): Promise<boolean> {
  const parameters = parsePasswordHash(input.storedHash);
  if (!parameters) return false;
  const candidate = await deriveKey(input.password, parameters.salt, parameters.key.length, {
    N: parameters.cost,
    r: parameters.blockSize,
    p: parameters.parallelization,
  });
  return timingSafeEqual(candidate, parameters.key);
}

/** The parameters a stored hash was made with, or null when it is not one of ours. */
export function parsePasswordHash(storedHash: string): PasswordHashParameters | null {
  const parts = storedHash.split("$");
  if (parts.length !== 6) return null;
  const [algorithm, costText, blockSizeText, parallelizationText, saltText, keyText] = parts;
  if (algorithm !== ALGORITHM || saltText === undefined || keyText === undefined) return null;
  const cost = parsePositiveInteger(costText);
  const blockSize = parsePositiveInteger(blockSizeText);
  const parallelization = parsePositiveInteger(parallelizationText);
  if (cost === null || blockSize === null || parallelization === null) return null;
  // scrypt needs N to be a power of two greater than 1.
  if (cost < 2 || cost > MAX_COST || (cost & (cost - 1)) !== 0) return null;
  if (blockSize > MAX_BLOCK_SIZE || parallelization > MAX_PARALLELIZATION) return null;
  const salt = decodeBase64Url(saltText);
  const key = decodeBase64Url(keyText);
  if (!salt || !key || salt.length < MIN_SALT_BYTES || key.length < MIN_KEY_BYTES) return null;
  return { cost, blockSize, parallelization, salt, key };
}

/**
 * A hash of a random password with the current parameters: verifying
 * against it when no account matches makes "no such email" take as long as
 * "wrong password", so response times do not reveal which emails exist.
 */
let decoyHash: Promise<string> | undefined;
export function getDecoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(32).toString("base64url"));
  return decoyHash;
}

function deriveKey(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  const cost = options.N ?? DEFAULT_COST;
  const blockSize = options.r ?? DEFAULT_BLOCK_SIZE;
  const parallelization = options.p ?? DEFAULT_PARALLELIZATION;
  // Node refuses anything above 32 MiB by default, which N = 2^15, r = 8 just
  // exceeds; allow what the parameters need (128·N·r for V, 128·r·p for B) plus slack.
  const maxmem = 128 * cost * blockSize + 128 * blockSize * parallelization + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, keyLength, { ...options, maxmem }, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

function parsePositiveInteger(text: string | undefined): number | null {
  if (text === undefined || !/^[1-9][0-9]{0,9}$/.test(text)) return null;
  return Number(text);
}

function decodeBase64Url(text: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  return Buffer.from(text, "base64url");
}
