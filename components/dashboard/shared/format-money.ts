/**
 * Money on the account pages, from the exact micro-dollar strings the APIs
 * send beside their float dollars: a balance or a ledger line must not show
 * a float's rounding. Two decimals always (it reads as money), up to six when
 * they are not zero, because a single cheap reply costs a few millionths.
 */
export function formatMicros(micros: string | bigint, options: { signed?: boolean } = {}): string {
  const value = typeof micros === "bigint" ? micros : BigInt(micros);
  const negative = value < 0n;
  const absolute = negative ? -value : value;
  const whole = (absolute / 1_000_000n).toLocaleString("en-US");
  const fraction = (absolute % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "").padEnd(2, "0");
  const sign = negative ? "−" : options.signed && value > 0n ? "+" : "";
  return `${sign}$${whole}.${fraction}`;
}

/**
 * What a person typed as dollars ("5", "2.50", "$10") as a JSON number the
 * API accepts, or a sentence saying what is wrong with it.
 */
export function parseDollarInput(text: string): { dollars: number } | { problem: string } {
  const trimmed = text.trim().replace(/^\$/, "").replaceAll(",", "");
  if (!/^\d{1,9}(\.\d{1,6})?$/.test(trimmed)) return { problem: "Enter an amount in dollars, such as 5 or 2.50." };
  return { dollars: Number(trimmed) };
}
