import { notCovered } from "../coverage.js";
import type { Report } from "../report.js";

const escapeXml = (text: string) =>
  text
    // Characters XML 1.0 cannot carry at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");

/** The report as JUnit XML: one test case per check; failures for failed checks, warnings in system-out. */
export function formatJUnit(report: Report): string {
  const failures = report.checks.filter((c) => c.status === "failed").length;
  const skipped = report.checks.filter((c) => c.status === "not-run").length;
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const attributes = `tests="${report.checks.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${(report.durationMs / 1000).toFixed(3)}"`;
  lines.push(`<testsuites name="finicity-contract" ${attributes}>`);
  lines.push(`  <testsuite name="finicity-contract verify ${escapeXml(report.baseUrl)}" ${attributes} timestamp="${report.startedAt}">`);
  lines.push("    <properties>");
  for (const [name, value] of [["baseUrl", report.baseUrl], ["region", report.region], ["seed", String(report.seed)], ["requests", String(report.requests)], ["strict", String(report.strict)], ["coverage", String(report.coverage.percent)], ["coverage.covered", String(report.coverage.covered)], ["coverage.total", String(report.coverage.total)], ["coverage.notCovered", notCovered(report.coverage).join(", ")], ...(report.minCoverage === undefined ? [] : [["minCoverage", String(report.minCoverage)]])] as const) {
    lines.push(`      <property name="${name}" value="${escapeXml(value)}"/>`);
  }
  lines.push("    </properties>");
  for (const check of report.checks) {
    lines.push(`    <testcase classname="finicity-contract.${check.basis}" name="${escapeXml(check.name)}">`);
    const detail = check.violations
      .map((v) => `${v.purpose}\nexpected: ${v.expected}\ngot: ${v.got}\nreproduce: ${v.curl}`)
      .join("\n\n");
    if (check.status === "failed") {
      const first = check.violations[0];
      const message = first ? `expected ${first.expected}; got ${first.got}` : "failed";
      lines.push(`      <failure message="${escapeXml(message)}" type="${check.basis}">${escapeXml(detail)}</failure>`);
    } else if (check.status === "not-run") {
      lines.push(`      <skipped message="no request exercised this check"/>`);
    } else if (check.status === "warned") {
      lines.push(`      <system-out>${escapeXml(`warning (assumed check; fails only with --strict)\n\n${detail}`)}</system-out>`);
    }
    lines.push("    </testcase>");
  }
  lines.push("  </testsuite>");
  lines.push("</testsuites>");
  return `${lines.join("\n")}\n`;
}
