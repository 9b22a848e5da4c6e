/**
 * Dollars as written by a person ("10", "0.25", "$5.5") to integer
 * micro-dollars, exactly: no float ever touches the amount.
 */
export function parseDollarsToMicros(text: string): bigint {
  const match = /^\s*\$?(\d{1,12})(?:\.(\d{1,6}))?\s*$/.exec(text);
  if (!match) throw new Error(`'${text}' is not an amount in dollars (up to 6 decimals).`);
  const whole = BigInt(match[1] ?? "0");
  const fraction = BigInt((match[2] ?? "").padEnd(6, "0"));
  return whole * 1_000_000n + fraction;
}

export function formatMicrosAsDollars(micros: bigint): string {
  const negative = micros < 0n;
  const absolute = negative ? -micros : micros;
  const whole = absolute / 1_000_000n;
  const fraction = (absolute % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}$${whole}${fraction ? `.${fraction.padEnd(2, "0")}` : ".00"}`;
}
