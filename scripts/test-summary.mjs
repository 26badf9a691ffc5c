// The counting behind `pnpm test`'s last line (scripts/test.mjs): vitest JSON reports and turbo's run summary in,
// `N passed, N failed[, N skipped]` and the list of what failed out. Pure: no files read, nothing printed.

/** The first lines of a failure message, indented: enough to see why without the whole stack. */
export function firstLines(text, max = 12) {
  const lines = String(text).split("\n").filter((line) => line.trim() !== "");
  const shown = lines.slice(0, max).map((line) => `    ${line}`);
  if (lines.length > max) shown.push(`    … ${lines.length - max} more lines`);
  return shown.join("\n");
}

/**
 * @param {{ file: string, dir: string, report: any }[]} reports  each vitest JSON report (undefined when unreadable),
 *   its path and the package folder it belongs to (relative to the root)
 * @param {any} runSummary  turbo's `--summarize` JSON, or undefined
 * @param {number} turboExitCode
 * @param {(path: string) => string} relativePath  a test file's path as printed
 */
export function summarize(reports, runSummary, turboExitCode, relativePath = (path) => path) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const notes = [];
  const failuresByDir = new Map(); // package folder -> failures its reports counted
  const failureLines = []; // one entry per failed test or broken file
  for (const { file, dir, report } of reports) {
    if (!report || typeof report.numTotalTests !== "number") {
      notes.push(`pnpm test: ${file} is not a vitest JSON report; counted as 1 failed`);
      failed += 1;
      failuresByDir.set(dir, (failuresByDir.get(dir) ?? 0) + 1);
      continue;
    }
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    // A file that failed to load (a syntax error, a failing import) has no tests but is a failure.
    const brokenFiles = (report.testResults ?? []).filter((r) => r.status === "failed" && (r.assertionResults ?? []).length === 0);
    failed += brokenFiles.length;
    for (const fileResult of report.testResults ?? []) {
      const testFile = relativePath(fileResult.name ?? "?");
      for (const test of fileResult.assertionResults ?? []) {
        if (test.status !== "failed") continue;
        failureLines.push(`FAIL ${testFile} > ${test.fullName ?? test.title}\n${firstLines((test.failureMessages ?? []).join("\n"))}`);
      }
      if (brokenFiles.includes(fileResult)) failureLines.push(`FAIL ${testFile} (did not run)\n${firstLines(fileResult.message ?? "")}`);
    }
    failuresByDir.set(dir, (failuresByDir.get(dir) ?? 0) + report.numFailedTests + brokenFiles.length);
  }

  const failedTasks = [];
  for (const task of runSummary?.tasks ?? []) {
    const exitCode = task.execution?.exitCode;
    if (exitCode === 0 || exitCode === undefined || exitCode === null) continue;
    const dir = task.directory || ".";
    // A failed test task whose reports counted failures is counted already; one that failed anyway (an unhandled
    // error, a second vitest run that never started, a suite without a report) counts as one more.
    if (task.task.startsWith("test") && (failuresByDir.get(dir) ?? 0) > 0) continue;
    failedTasks.push(task.taskId);
  }
  failed += failedTasks.length;
  if (turboExitCode !== 0 && failed === 0) failed = 1; // turbo failed before any task could say why

  return { passed, failed, skipped, failureLines, failedTasks, notes, line: `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}` };
}
