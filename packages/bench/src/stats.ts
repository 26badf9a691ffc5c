/** Small statistics helpers used by every benchmark. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function max(values: readonly number[]): number {
  return values.reduce((a, b) => (b > a ? b : a), Number.NEGATIVE_INFINITY);
}

/** Rounds a number to `digits` decimals, for the JSON file. */
export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Order of the sides in round `r`: rotated each round, so with two sides it is AB, BA, AB, ... */
export function rotation<T>(sides: readonly T[], r: number): T[] {
  const k = r % sides.length;
  return [...sides.slice(k), ...sides.slice(0, k)];
}
