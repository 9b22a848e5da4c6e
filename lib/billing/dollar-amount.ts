import { z } from "zod";
import { parseDollarsToMicros } from "../money";

export const MICROS_PER_CENT = 10_000n;

/**
 * An amount in dollars as a client sends it, a JSON number (`12.5`) or a
 * string (`"12.50"`, `"-3"`), to signed integer micro-dollars. The number is
 * read through its shortest decimal text, so `0.1` is exactly 100000 micros;
 * one that only has an exponent form (`1e-7`, `1e21`) is refused, not rounded.
 */
export const dollarAmountSchema = z.union([z.number(), z.string()]).transform((value, context) => {
  const text = String(value).trim();
  const negative = text.startsWith("-");
  try {
    const micros = parseDollarsToMicros(negative ? text.slice(1) : text);
    return negative ? -micros : micros;
  } catch {
    context.addIssue({ code: "custom", message: "must be an amount in dollars with at most 6 decimals, such as 10 or 2.50" });
    return z.NEVER;
  }
});
