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

/** The `q`-quantile (0..1) of `values`, interpolated between the two nearest ranks (q = 0.5 is the median). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** How far per-round figures scatter: the interquartile range (25th-75th percentile) and the extremes. */
export interface Spread {
  q1: number;
  q3: number;
  min: number;
  max: number;
}

export function spreadOf(values: readonly number[]): Spread {
  return {
    q1: quantile(values, 0.25),
    q3: quantile(values, 0.75),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

/** "IQR 0.941-0.962×, min-max 0.902-0.990×" for a detail line. */
export function formatSpread(spread: Spread, digits = 3, unit = "×"): string {
  const f = (x: number) => x.toFixed(digits);
  return `IQR ${f(spread.q1)}-${f(spread.q3)}${unit}, min-max ${f(spread.min)}-${f(spread.max)}${unit}`;
}
