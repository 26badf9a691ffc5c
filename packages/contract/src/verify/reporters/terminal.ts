import { notCovered } from "../coverage.js";
import { escapeControl } from "../escape.js";
import type { CheckStatus, Report } from "../report.js";

const MARK: Record<CheckStatus, string> = { passed: "pass", failed: "FAIL", warned: "warn", "not-run": "-" };

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd();
  return [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The report as readable text for a terminal: a table of checks, then each violation with its curl command.
 * Every line is passed through `escapeControl`, so nothing a server sent can move the cursor, recolour, add
 * a line of its own or retitle the window.
 */
export function formatTerminal(report: Report): string {
  const out: string[] = [];
  out.push(`finicity-contract verify ${report.baseUrl} (region ${report.region}, seed ${report.seed}, ${report.requests} requests, ${(report.durationMs / 1000).toFixed(1)} s)`);
  out.push("");
  out.push(
    ...table([
      ["check", "basis", "result", "passed", "failed"],
      ...report.checks.map((c) => [c.name, c.basis, MARK[c.status], String(c.passed), String(c.failed)]),
    ]).split("\n"),
  );
  for (const v of report.violations) {
    out.push("");
    out.push(`${v.severity === "error" ? "✗" : "!"} ${v.check} [${v.basis}]${v.minimal ? " (minimal request)" : ""}: ${v.purpose}`);
    out.push(`    expected: ${v.expected}`);
    out.push(`    got:      ${v.got}`);
    out.push(`    reproduce: ${v.curl}`);
  }
  if (report.transients.length > 0) {
    out.push("");
    out.push(`Gateway transients (not violations): ${report.transients.length}`);
    for (const t of report.transients.slice(0, 5)) out.push(`    ${t.status} ${t.purpose}: ${t.curl}`);
  }
  const { coverage } = report;
  const missing = notCovered(coverage);
  out.push("");
  out.push(
    `Coverage: ${coverage.percent}% (${coverage.covered} of ${coverage.total}: parameter value classes and documented responses)${report.minCoverage === undefined ? "" : `, minimum ${report.minCoverage}%`}`,
  );
  if (missing.length > 0) out.push(`    not covered: ${missing.join(", ")}`);
  for (const note of report.notes) out.push(`note: ${note}`);
  const count = (status: CheckStatus) => report.checks.filter((c) => c.status === status).length;
  out.push("");
  const verdict = report.stopped
    ? "INCOMPLETE (stopped early)"
    : report.ok
      ? "CONFORMS"
      : count("failed") === 0 && report.coverageBelowMinimum
        ? "COVERAGE BELOW MINIMUM"
        : "DOES NOT CONFORM";
  out.push(
    `${verdict}: ${plural(count("failed"), "check", "checks")} failed, ${count("warned")} warned, ${count("passed")} passed, ${count("not-run")} not run`,
  );
  out.push(`Repeat this run: ${report.rerun}`);
  return out.map(escapeControl).join("\n");
}
