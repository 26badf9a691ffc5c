/** The shape of one printed figure and of `results/latest.json`. */

export type Status = "PASS" | "MISS" | "INFO" | "N/A";

export interface Target {
  op: ">=" | "<=";
  value: number;
}

export interface Row {
  /** What is measured, e.g. "client / openapi-fetch (ops/s)". */
  figure: string;
  /** The measured figure; null when the row could not be measured. */
  value: number | null;
  /** "x" for ratios, or a unit such as "µs/call", "req/s", "ms", "B". */
  unit: string;
  target?: Target;
  status: Status;
  /** The raw numbers behind the figure, in words. */
  detail?: string;
}

export interface BenchmarkResult {
  id: number;
  title: string;
  rows: Row[];
  /** The configuration the benchmark ran with (rounds, iterations, durations...). */
  config: Record<string, unknown>;
  /** Raw measurements (per-round values, medians...). */
  data: Record<string, unknown>;
  /** What limits a figure, what was left out, and why. */
  notes: string[];
  durationMs: number;
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  totalMemoryGiB: number;
  node: string;
  v8: string;
  platform: string;
  arch: string;
  osRelease: string;
  /** 1, 5 and 15-minute load averages when the run started: a busy machine makes every figure noisier. */
  loadAverage: number[];
}

export interface ResultsFile {
  schemaVersion: 1;
  date: string;
  machine: MachineInfo;
  options: Record<string, unknown>;
  totalMs: number;
  benchmarks: BenchmarkResult[];
}

/** A measured figure, judged against its target when it has one. */
export function measured(figure: string, value: number, unit: string, target?: Target, detail?: string): Row {
  const status: Status =
    target === undefined
      ? "INFO"
      : !Number.isFinite(value)
        ? "MISS"
        : (target.op === ">=" ? value >= target.value : value <= target.value)
          ? "PASS"
          : "MISS";
  return { figure, value, unit, ...(target ? { target } : {}), status, ...(detail ? { detail } : {}) };
}

/** A figure that could not be measured on this run, with the reason printed as "not available: <why>". */
export function notAvailable(figure: string, why: string, target?: Target, unit = "x"): Row {
  return { figure, value: null, unit, ...(target ? { target } : {}), status: "N/A", detail: `not available: ${why}` };
}

export function formatValue(value: number | null, unit: string): string {
  if (value === null) return "—";
  const abs = Math.abs(value);
  const digits = unit === "x" ? 3 : abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 10 ? 2 : 3;
  const text = value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return unit === "x" ? `${text}×` : `${text} ${unit}`;
}

export function formatTarget(target: Target | undefined, unit: string): string {
  if (!target) return "(no target)";
  return `${target.op} ${formatValue(target.value, unit)}`;
}

/** Renders benchmark results as a plain-text table (one line per figure). */
export function renderTable(results: BenchmarkResult[]): string {
  const header = ["#", "figure", "value", "target", "result"];
  const lines: string[][] = [];
  const details: string[] = [];
  for (const result of results) {
    for (const row of result.rows) {
      lines.push([
        String(result.id),
        row.figure,
        formatValue(row.value, row.unit),
        formatTarget(row.target, row.unit),
        row.status,
      ]);
      details.push(row.detail ?? "");
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const pad = (cells: string[]) =>
    cells.map((c, i) => (i === 2 || i === 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  const out = [pad(header), widths.map((w) => "-".repeat(w)).join("  ")];
  lines.forEach((l, i) => {
    out.push(pad(l));
    if (details[i]) out.push(`${" ".repeat(widths[0]! + 2)}  ${details[i]}`);
  });
  return out.join("\n");
}
