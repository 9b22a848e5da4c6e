/**
 * A value ready for `Response.json`: every BigInt (micro-dollars) becomes a
 * decimal string, since JSON numbers cannot hold them all exactly and
 * JSON.stringify throws on them. Dates are left for JSON to write as ISO text.
 */
export function toJsonSafe(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, toJsonSafe(entry)]));
  }
  return value;
}
