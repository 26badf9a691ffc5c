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

/** The first lines of a failure message, indented: enough to see why without the whole stack. */
function firstLines(text, max = 12) {
  const lines = String(text).split("\n").filter((line) => line.trim() !== "");
  const shown = lines.slice(0, max).map((line) => `    ${line}`);
  if (lines.length > max) shown.push(`    … ${lines.length - max} more lines`);
  return shown.join("\n");
}

let passed = 0;
let failed = 0;
let skipped = 0;
const failuresByDir = new Map(); // package folder -> failures its reports counted
const failureLines = []; // one entry per failed test or broken file, repeated at the end so a CI tail shows them
for (const file of reports()) {
  const report = safeJson(file);
  const where = relative(root, file);
  if (!report || typeof report.numTotalTests !== "number") {
    console.error(`pnpm test: ${where} is not a vitest JSON report; counted as 1 failed`);
    failed += 1;
    continue;
  }
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A file that failed to load (a syntax error, a failing import) has no tests but is a failure.
  const brokenFiles = (report.testResults ?? []).filter((r) => r.status === "failed" && (r.assertionResults ?? []).length === 0);
  failed += brokenFiles.length;
  for (const fileResult of report.testResults ?? []) {
    const testFile = relative(root, fileResult.name ?? "?");
    for (const test of fileResult.assertionResults ?? []) {
      if (test.status !== "failed") continue;
      failureLines.push(`FAIL ${testFile} > ${test.fullName ?? test.title}\n${firstLines((test.failureMessages ?? []).join("\n"))}`);
    }
    if (brokenFiles.includes(fileResult)) failureLines.push(`FAIL ${testFile} (did not run)\n${firstLines(fileResult.message ?? "")}`);
  }
  const dir = relative(root, join(file, "..", "..")) || ".";
  failuresByDir.set(dir, (failuresByDir.get(dir) ?? 0) + report.numFailedTests + brokenFiles.length);
}

const summary = runSummary(started);
const failedTasks = [];
for (const task of summary?.json.tasks ?? []) {
  const exitCode = task.execution?.exitCode;
  if (exitCode === 0 || exitCode === undefined || exitCode === null) continue;
  const dir = task.directory || ".";
  // A failed test task whose reports counted failures is counted already; one that failed anyway (an unhandled
  // error, a second vitest run that never started) counts as one more.
  if (task.task.startsWith("test") && (failuresByDir.get(dir) ?? 0) > 0) continue;
  failedTasks.push(task.taskId);
}
if (summary) rmSync(summary.file, { force: true });
if (failureLines.length) console.log(`\nFailed tests (${failureLines.length}):\n${failureLines.join("\n")}`);
if (failedTasks.length) console.log(`\nFailed without a failing test to show for it (each counted as 1 failed): ${failedTasks.join(", ")}`);
failed += failedTasks.length;
if (code !== 0 && failed === 0) failed = 1; // turbo failed before any task could say why

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exitCode = code !== 0 || failed > 0 ? 1 : 0;
