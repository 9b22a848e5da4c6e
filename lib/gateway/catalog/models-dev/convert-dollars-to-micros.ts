/**
 * Turns a dollars-per-million price (a float as models.dev publishes it) into
 * integer micro-dollars per million, exactly. Multiplying the float by 1e6
 * would inherit binary rounding (8.2 * 1e6 is 8199999.999999999); shifting the
 * decimal point in the number's shortest string form does not. A price finer
 * than a micro-dollar per million cannot be billed, so it is an error rather
 * than a silent rounding.
 */
export function convertDollarsToMicros(dollarsPerMillion: number): number {
  if (!Number.isFinite(dollarsPerMillion) || dollarsPerMillion < 0) {
    throw new RangeError(`Price must be a finite, non-negative number: ${dollarsPerMillion}`);
  }
  // String(number) is the shortest text that reads back as the same double.
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(dollarsPerMillion));
  if (!match) throw new RangeError(`Price has an unexpected form: ${dollarsPerMillion}`);
  const whole = match[1] ?? "0";
  const fraction = match[2] ?? "";
  const exponent = Number(match[3] ?? "0");

  // digits × 10^(shift) micro-dollars, where digits has the decimal point removed.
  const digits = `${whole}${fraction}`;
  const shift = exponent + 6 - fraction.length;
  let micros: bigint;
  if (shift >= 0) {
    micros = BigInt(digits) * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    const value = BigInt(digits);
    if (value % divisor !== 0n) {
      throw new RangeError(`Price ${dollarsPerMillion} has a fraction of a micro-dollar per million`);
    }
    micros = value / divisor;
  }
  if (micros > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`Price ${dollarsPerMillion} is too large`);
  return Number(micros);
}
