import { median, rotation, spreadOf, type Spread } from "./stats.js";

/** One side of a comparison: `op` is one call (a request, a walk...), awaited before the next. */
export interface Side {
  name: string;
  op: () => Promise<unknown>;
}

export interface AlternateOptions {
  /** Rounds; each round runs every side once, in an order rotated per round (AB, BA, AB, ...). */
  rounds: number;
  /** Sequential calls per side per round. */
  iterations: number;
  /** Calls per side before the first round (JIT, connection pool). */
  warmup: number;
}

export interface AlternateResult {
  /** Nanoseconds per call (wall clock), per side, one entry per round. */
  nsPerOp: Record<string, number[]>;
  /**
   * Nanoseconds of this process's CPU time (user + system, all its threads) per call, per side, per round. Time
   * the process spends waiting for a core does not count, so on a loaded machine it scatters far less than the
   * wall clock; it leaves out what a server in another process spends.
   */
  cpuNsPerOp: Record<string, number[]>;
}

async function runSide(side: Side, iterations: number): Promise<{ ns: number; cpuNs: number }> {
  const op = side.op;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await op();
  const ns = Number(process.hrtime.bigint() - start) / iterations;
  const used = process.cpuUsage(cpu);
  return { ns, cpuNs: ((used.user + used.system) * 1000) / iterations };
}

/**
 * Measures every side in the same run, alternating them round by round, so drift (CPU frequency, other load,
 * GC pressure) falls on both sides alike. No forced GC between turns: a forced full GC shrinks the young
 * generation and makes the next turn pay for regrowing it (measured: about 3× slower calls right after).
 */
export async function alternate(sides: readonly Side[], options: AlternateOptions): Promise<AlternateResult> {
  for (const side of sides) {
    for (let i = 0; i < options.warmup; i++) await side.op();
  }
  const nsPerOp: Record<string, number[]> = Object.fromEntries(sides.map((s) => [s.name, []]));
  const cpuNsPerOp: Record<string, number[]> = Object.fromEntries(sides.map((s) => [s.name, []]));
  for (let r = 0; r < options.rounds; r++) {
    for (const side of rotation(sides, r)) {
      const { ns, cpuNs } = await runSide(side, options.iterations);
      nsPerOp[side.name]!.push(ns);
      cpuNsPerOp[side.name]!.push(cpuNs);
    }
  }
  return { nsPerOp, cpuNsPerOp };
}

/** Median over rounds of (throughput of `side`) / (throughput of `base`), each round compared with itself. */
export function speedRatio(result: AlternateResult, side: string, base: string): number {
  return median(roundRatios(result, side, base));
}

/** The per-round ratios behind `speedRatio`, one per round. */
export function roundRatios(result: AlternateResult, side: string, base: string): number[] {
  const a = result.nsPerOp[side]!;
  const b = result.nsPerOp[base]!;
  return a.map((ns, i) => b[i]! / ns);
}

/** How the per-round ratios behind `speedRatio` scatter (IQR, min-max). */
export function ratioSpread(result: AlternateResult, side: string, base: string): Spread {
  return spreadOf(roundRatios(result, side, base));
}

/** How the per-round differences behind `addedMicros` scatter (IQR, min-max), in microseconds. */
export function addedSpread(result: AlternateResult, side: string, base: string): Spread {
  const a = result.nsPerOp[side]!;
  const b = result.nsPerOp[base]!;
  return spreadOf(a.map((ns, i) => (ns - b[i]!) / 1000));
}

/** Median over rounds of the time `side` adds per call over `base`, in microseconds. */
export function addedMicros(result: AlternateResult, side: string, base: string): number {
  const a = result.nsPerOp[side]!;
  const b = result.nsPerOp[base]!;
  return median(a.map((ns, i) => (ns - b[i]!) / 1000));
}

export function medianNs(result: AlternateResult, side: string): number {
  return median(result.nsPerOp[side]!);
}

/** The same result measured by CPU time instead of the wall clock, for the helpers above. */
export function byCpuTime(result: AlternateResult): AlternateResult {
  return { nsPerOp: result.cpuNsPerOp, cpuNsPerOp: result.cpuNsPerOp };
}
