import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Random base62 text: 24 characters carry about 143 bits. */
export function randomBase62(length: number): string {
  const bytes = randomBytes(length * 2);
  let text = "";
  for (let index = 0; index < bytes.length && text.length < length; index++) {
    const byte = bytes[index] ?? 0;
    // 248 = 62 * 4: rejecting the rest keeps every character equally likely.
    if (byte < 248) text += ALPHABET[byte % 62];
  }
  return text.length === length ? text : text + randomBase62(length - text.length);
}

/**
 * Generation ids look like OpenRouter's: `gen-`, the Unix time in seconds,
 * and 20 random base62 characters (about 119 bits). Starting with the time
 * keeps them in creation order, so the database appends to its indexes
 * instead of writing a random page of them for each new row.
 */
export function createGenerationId(now: number = Date.now()): string {
  return `gen-${Math.floor(now / 1000)}-${randomBase62(20)}`;
}
