// `pnpm test`: every check CI runs in the tree, through turbo, quiet on success (a task's log is printed only when
// it fails, grouped, not interleaved), ending with one line that counts every test of every package:
//   N passed, N failed[, N skipped]
// The counts come from vitest's JSON reports (each vitest config writes test-results/*.json; turbo restores
// them on a cache hit). A task that failed without a report (lint, typecheck, a crash) counts as one failure.
// Arguments are passed to turbo (e.g. `pnpm test --filter=@finicity-aggregation/mock`).
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { summarize } from "./test-summary.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const TASKS = ["test", "test:root", "lint:spec", "check:generated", "typecheck", "check:spec-bump"];

/** The folders whose test-results/ hold vitest reports: the root and every package. */
function resultDirs() {
  const packages = readdirSync(join(root, "packages"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(root, "packages", d.name));
  return [root, ...packages].map((dir) => join(dir, "test-results"));
}

function reports() {
  const found = [];
  for (const dir of resultDirs()) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) if (/^vitest.*\.json$/.test(name)) found.push(join(dir, name));
  }
  return found;
}

/** Newest turbo run summary (written by --summarize) after `since`. */
function runSummary(since) {
  const dir = join(root, ".turbo", "runs");
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .map((name) => join(dir, name))
    .map((file) => ({ file, json: safeJson(file) }))
    .filter(({ json }) => json && Number(json.execution?.startTime) >= since - 1000)
    .sort((a, b) => Number(b.json.execution.startTime) - Number(a.json.execution.startTime));
  return files[0];
}

function safeJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

// Old reports would be counted again: remove them (turbo restores the cached ones of tasks it does not re-run).
for (const file of reports()) rmSync(file, { force: true });

const started = Date.now();
const args = ["exec", "turbo", "run", ...TASKS, "--continue", "--output-logs=errors-only", "--log-order=grouped", "--summarize", ...process.argv.slice(2)];
const child = spawn(process.platform === "win32" ? "pnpm.cmd" : "pnpm", args, {
  cwd: root,
  stdio: "inherit",
  env: { TURBO_TELEMETRY_DISABLED: "1", ...process.env },
  shell: process.platform === "win32",
});
// Ctrl-C reaches turbo too (same process group); wait for it to stop and report what ran.
process.on("SIGINT", () => {});
const code = await new Promise((resolve) => {
  child.once("error", (error) => {
    console.error(`pnpm test: could not run turbo: ${error.message}`);
    resolve(1);
  });
  child.once("close", (c) => resolve(c ?? 1));
});

const found = reports().map((file) => ({
  file: relative(root, file),
  dir: relative(root, join(file, "..", "..")) || ".",
  report: safeJson(file),
}));
const summary = runSummary(started);
const result = summarize(found, summary?.json, code, (path) => relative(root, path));
if (summary) rmSync(summary.file, { force: true });
for (const note of result.notes) console.error(note);
if (result.failureLines.length) console.log(`\nFailed tests (${result.failureLines.length}):\n${result.failureLines.join("\n")}`);
if (result.failedTasks.length) {
  console.log(`\nFailed without a failing test to show for it (each counted as 1 failed): ${result.failedTasks.join(", ")}`);
}
console.log(`\n${result.line}`);
process.exitCode = code !== 0 || result.failed > 0 ? 1 : 0;
