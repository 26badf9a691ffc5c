import type { BenchmarkResult } from "../report.js";

/** How hard to push: `smoke` is for the package's own tests (seconds), `quick` for a fast look, neither for the real figures. */
export interface BenchOptions {
  quick: boolean;
  smoke: boolean;
  /** Seconds of load per autocannon target (benchmark 4). */
  durationSec: number;
  /** Progress lines go here (stderr), so stdout stays the table. */
  log: (line: string) => void;
}

export type BenchmarkOutcome = Omit<BenchmarkResult, "id" | "title" | "durationMs">;

export interface Benchmark {
  id: number;
  title: string;
  run(options: BenchOptions): Promise<BenchmarkOutcome>;
}

/** Picks the figure for the run's size. */
export function bySize<T>(options: BenchOptions, sizes: { full: T; quick: T; smoke: T }): T {
  return options.smoke ? sizes.smoke : options.quick ? sizes.quick : sizes.full;
}
