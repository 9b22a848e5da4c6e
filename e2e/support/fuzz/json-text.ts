/**
 * JSON text with pieces JSON.stringify cannot write: number tokens that do
 * not survive a round trip (`1e999`, `-0`, 400 digits), escapes of lone
 * surrogates, unbalanced or very deep nesting. A RawJson is written as is.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/** A JSON value that may hold RawJson pieces anywhere. */
export type FuzzValue = null | boolean | number | string | RawJson | FuzzValue[] | { [key: string]: FuzzValue };

/**
 * Writes `value` as JSON text. Keys are written as own properties, so a key
 * named `__proto__` (made with Object.fromEntries or JSON.parse) is sent as
 * a key, which is the point of sending it.
 */
export function toJsonText(value: FuzzValue): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}:${toJsonText(item)}`)
      .join(",")}}`;
  }
  // A slot left undefined has no JSON form; null is the nearest.
  return JSON.stringify(value) ?? "null";
}

/** A deep copy that keeps RawJson pieces and `__proto__` keys as they are. */
export function cloneValue<Value extends FuzzValue>(value: Value): Value {
  if (value instanceof RawJson || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(cloneValue) as Value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cloneValue(item)])) as Value;
}
