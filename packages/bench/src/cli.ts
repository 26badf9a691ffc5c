/**
 * `pnpm bench`: runs the benchmarks, prints every figure beside its target, and writes results/latest.json.
 *
 *   pnpm bench                      # everything, default sizes (under 3 minutes on 2 cores)
 *   pnpm bench --only 1,2           # some of them
 *   pnpm bench --quick              # smaller rounds, for a fast look (figures are noisier)
 *   pnpm bench --duration 10        # seconds of load per autocannon target (benchmark 4)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { BENCHMARKS } from "./benchmarks/index.js";
import type { BenchOptions } from "./benchmarks/benchmark.js";
import { machineInfo } from "./machine.js";
import { packageRoot } from "./paths.js";
import { renderTable, type BenchmarkResult, type ResultsFile } from "./report.js";

function parseOnly(value: string): number[] {
  const ids = value.split(",").map((part) => Number(part.trim()));
  const known = new Set(BENCHMARKS.map((b) => b.id));
  for (const id of ids) {
    if (!Number.isInteger(id) || !known.has(id)) {
      throw new InvalidArgumentError(`--only takes benchmark numbers from ${[...known].join(",")}, got "${value}"`);
    }
  }
  return ids;
}

function parseSeconds(value: string): number {
  const n = Number(value);
  // autocannon counts whole seconds; benchmark 4 runs one 1-second round per second asked for.
  if (!Number.isInteger(n) || n < 1 || n > 600) throw new InvalidArgumentError(`--duration takes whole seconds from 1 to 600, got "${value}"`);
  return n;
}

const program = new Command()
  .name("bench")
  .description("Benchmarks for the Get Customers toolkit, each pair measured side by side in the same run")
  .option("--only <ids>", "run only these benchmarks, e.g. 1,2", parseOnly)
  .option("--quick", "smaller rounds and 2 s of load per target: a fast look, noisier figures", false)
  .option("--smoke", "tiny sizes, to check that everything runs (the package's tests use it)", false)
  .option("--duration <seconds>", "whole seconds of load per autocannon target, as 1-second alternated rounds (default 5; --quick 2)", parseSeconds)
  .option("--out <file>", "where to write the results JSON", path.join(packageRoot(), "results", "latest.json"))
  .option("--list", "list the benchmarks and exit", false);

program.parse();
const opts = program.opts<{ only?: number[]; quick: boolean; smoke: boolean; duration?: number; out: string; list: boolean }>();

if (opts.list) {
  for (const b of BENCHMARKS) console.log(`${b.id}. ${b.title}`);
  process.exit(0);
}

const options: BenchOptions = {
  quick: opts.quick,
  smoke: opts.smoke,
  durationSec: opts.duration ?? (opts.quick ? 2 : 5),
  log: (line) => process.stderr.write(`${line}\n`),
};

const machine = machineInfo();
const selected = BENCHMARKS.filter((b) => !opts.only || opts.only.includes(b.id));
const started = Date.now();
const results: BenchmarkResult[] = [];
for (const benchmark of selected) {
  options.log(`== ${benchmark.id}. ${benchmark.title}`);
  const t0 = Date.now();
  try {
    const outcome = await benchmark.run(options);
    results.push({ id: benchmark.id, title: benchmark.title, ...outcome, durationMs: Date.now() - t0 });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    options.log(`${benchmark.id}: failed: ${why}`);
    results.push({
      id: benchmark.id,
      title: benchmark.title,
      rows: [{ figure: benchmark.title, value: null, unit: "", status: "N/A", detail: `not available: ${why}` }],
      config: {},
      data: {},
      notes: [`The run failed: ${why}`],
      durationMs: Date.now() - t0,
    });
  }
}

const file: ResultsFile = {
  schemaVersion: 1,
  date: new Date().toISOString(),
  machine,
  options: { only: opts.only ?? "all", quick: opts.quick, smoke: opts.smoke, durationSec: options.durationSec },
  totalMs: Date.now() - started,
  benchmarks: results,
};
mkdirSync(path.dirname(opts.out), { recursive: true });
writeFileSync(opts.out, `${JSON.stringify(file, null, 2)}\n`);

const m = file.machine;
console.log(`\n${m.cpus} × ${m.cpuModel}, ${m.totalMemoryGiB} GiB, Node ${m.node}, ${file.date}, load average at start ${m.loadAverage.join(" ")}`);
console.log(renderTable(results));
const misses = results.flatMap((r) => r.rows).filter((r) => r.status === "MISS").length;
const na = results.flatMap((r) => r.rows).filter((r) => r.status === "N/A").length;
console.log(`\n${misses} missed, ${na} not available; total ${((Date.now() - started) / 1000).toFixed(1)} s; results in ${path.relative(process.cwd(), opts.out) || opts.out}`);
