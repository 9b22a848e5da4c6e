import { parseDollarsToMicros } from "../money";

/** The largest amount the key API takes: far above any real limit, and exactly representable in micros as a double. */
export const MAX_DOLLARS = 1_000_000_000;

export class DollarAmountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DollarAmountError";
  }
}

/**
 * A dollar amount from a JSON body (a number, as OpenRouter's API takes it)
 * to integer micro-dollars, exactly. The number's shortest decimal form
 * (what `String` gives and what the client wrote for any amount with up to
 * 15 significant digits) is parsed as text by lib/money, so 0.1 is 100000
 * micros and never 99999 from a float multiply. Amounts finer than a micro-dollar
 * are refused rather than rounded: the client meant something we cannot store.
 * @throws DollarAmountError for a negative, non-finite, too precise or too large amount.
 */
export function dollarsToMicros(dollars: number): bigint {
  if (!Number.isFinite(dollars)) throw new DollarAmountError("Amount must be a finite number of dollars.");
  if (dollars < 0) throw new DollarAmountError("Amount must not be negative.");
  if (dollars > MAX_DOLLARS) throw new DollarAmountError(`Amount must be at most ${MAX_DOLLARS} dollars.`);
  // Below 1e-6 String() switches to exponent notation ("1e-7"), which never parses: always more than 6 decimals.
  try {
    return parseDollarsToMicros(String(dollars));
  } catch {
    throw new DollarAmountError("Amount must have at most 6 decimal places (one micro-dollar).");
  }
}
