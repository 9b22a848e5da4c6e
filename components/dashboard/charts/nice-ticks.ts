/**
 * Round axis ticks from zero up to at least `max`: steps of 1, 2, 2.5 or 5
 * times a power of ten, about `count` of them, so labels read like "0, 5, 10".
 */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((multiple) => multiple * power >= rough) ?? 10) * power;
  const top = Math.max(1, Math.ceil(max / step - 1e-9));
  return Array.from({ length: top + 1 }, (_, index) => roundToStep(index * step, step));
}

/** Removes float noise such as 0.30000000000000004 without losing small steps. */
function roundToStep(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Number(value.toFixed(decimals));
}
