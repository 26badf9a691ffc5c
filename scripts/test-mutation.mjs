// `pnpm test:mutation`: Stryker over the client (packages/client/src) and the sandbox core
// (packages/mock/src/sandbox), each with its package's fast unit tests (see each package's stryker.config.mjs).
// Not part of `pnpm test`: it takes minutes. Each run fails below a 95 % mutation score (`thresholds.break`);
// both run either way, and this ends with one line per package: score, counts and time. Reports (HTML, JSON):
// packages/<name>/reports/mutation/. Equivalent mutants, disabled in the source: stryker-equivalent.md.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const pnpm = process.platform === "win32" ? "pnpm.cmd" : "pnpm";
const env = { TURBO_TELEMETRY_DISABLED: "1", ...process.env };
const RUNS = [
  { name: "sandbox", dir: "packages/mock", report: "reports/mutation/sandbox.json" },
  { name: "client", dir: "packages/client", report: "reports/mutation/client.json" },
];
const only = process.argv.slice(2);

const run = (args, cwd) => spawnSync(pnpm, args, { cwd, stdio: "inherit", env, shell: process.platform === "win32" }).status ?? 1;

// The client's tests import the mock package's build.
if (run(["exec", "turbo", "run", "build", "--filter=@finicity-aggregation/client...", "--filter=@finicity-aggregation/mock...", "--output-logs=errors-only"], root) !== 0) {
  process.exit(1);
}

const lines = [];
let failed = false;
for (const { name, dir, report } of RUNS.filter((r) => only.length === 0 || only.includes(r.name))) {
  const started = Date.now();
  const code = run(["exec", "stryker", "run"], join(root, dir));
  const seconds = Math.round((Date.now() - started) / 1000);
  failed ||= code !== 0;
  lines.push(`${name}: ${summary(join(root, dir, report))}, ${Math.floor(seconds / 60)} min ${seconds % 60} s${code === 0 ? "" : " FAILED"}`);
}
console.log(`\npnpm test:mutation\n${lines.map((line) => `  ${line}`).join("\n")}`);
process.exit(failed ? 1 : 0);

/** "96.10 % (killed 900, timed out 12, survived 30, no coverage 7; 40 ignored)" from a Stryker JSON report. */
function summary(file) {
  if (!existsSync(file)) return "no report";
  const counts = {};
  for (const source of Object.values(JSON.parse(readFileSync(file, "utf8")).files)) {
    for (const mutant of source.mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  }
  const n = (status) => counts[status] ?? 0;
  const detected = n("Killed") + n("Timeout");
  const valid = detected + n("Survived") + n("NoCoverage");
  const score = valid === 0 ? 100 : (100 * detected) / valid;
  return `${score.toFixed(2)} % (killed ${n("Killed")}, timed out ${n("Timeout")}, survived ${n("Survived")}, no coverage ${n("NoCoverage")}; ${n("Ignored")} ignored: disabled in the source, see stryker-equivalent.md)`;
}
