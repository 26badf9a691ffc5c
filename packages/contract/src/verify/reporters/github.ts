import { notCovered } from "../coverage.js";
import { maskSecrets } from "../curl.js";
import { escapeControl } from "../escape.js";
import type { Report } from "../report.js";

/**
 * GitHub Actions output: workflow commands (`::add-mask::`, `::error::`, `::warning::`) and the Markdown of the
 * job summary. Workflow commands are escaped by GitHub's rules: in the message `%`, CR and LF become `%25`,
 * `%0D`, `%0A`; in a property value `:` and `,` also become `%3A`, `%2C`. Control characters a server sent
 * are made visible first (`escapeControl`), so a message is always one line that starts nothing else.
 */
export const escapeData = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
export const escapeProperty = (text: string) => escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** `::add-mask::` for each secret: GitHub then hides the value wherever the job's log shows it. */
export function addMaskCommands(secrets: readonly string[]): string[] {
  return [...new Set(secrets.filter((s) => s !== ""))].map((secret) => `::add-mask::${escapeData(secret)}`);
}

/** One `::error` per failed check and one `::warning` per check that only warns (an assumed one without --strict). */
export function formatAnnotations(report: Report): string[] {
  const lines: string[] = [];
  for (const check of report.checks) {
    if (check.status !== "failed" && check.status !== "warned") continue;
    const first = check.violations[0];
    const detail = first ? `${first.purpose}: expected ${first.expected}; got ${first.got}` : "failed";
    const message = escapeControl(`${check.failed} of ${check.passed + check.failed} failed. ${detail}`);
    lines.push(`::${check.status === "failed" ? "error" : "warning"} title=${escapeProperty(`finicity-contract: ${check.name}`)}::${escapeData(message)}`);
  }
  if (report.stopped) lines.push(`::error title=${escapeProperty("finicity-contract: stopped early")}::${escapeData(escapeControl(report.stopped.detail))}`);
  if (report.coverageBelowMinimum) {
    lines.push(
      `::error title=${escapeProperty("finicity-contract: coverage")}::${escapeData(`coverage ${report.coverage.percent}% is below the minimum of ${report.minCoverage}%; not covered: ${notCovered(report.coverage).join(", ")}`)}`,
    );
  }
  return lines;
}

const cell = (text: string) => escapeControl(text).replace(/\|/g, "\\|").replace(/`/g, "'");
const code = (text: string) => `\`${cell(text)}\``;
const MARK = { passed: "✅ passed", failed: "❌ failed", warned: "⚠️ warning", "not-run": "➖ not run" } as const;
const SHOWN_VIOLATIONS = 5;

/** The job summary's Markdown: verdict, checks table, the first violations with their curl lines, coverage. */
export function formatSummary(report: Report, secrets: readonly string[] = []): string {
  const out: string[] = [];
  const verdict = report.stopped ? "⏹️ Stopped early: no verdict" : report.ok ? "✅ The server conforms" : "❌ The server does not conform";
  out.push(`## finicity-contract: ${verdict}`, "");
  out.push(`Server ${code(report.baseUrl)} · region ${report.region} · seed ${report.seed} · ${report.requests} requests · ${(report.durationMs / 1000).toFixed(1)} s · coverage ${report.coverage.percent}%`, "");
  if (report.stopped) out.push(`> ${cell(report.stopped.detail)}`, "");
  out.push("| check | basis | result | passed | failed |", "|---|---|---|---|---|");
  for (const c of report.checks) out.push(`| ${code(c.name)} | ${c.basis} | ${MARK[c.status]} | ${c.passed} | ${c.failed} |`);
  if (report.violations.length > 0) {
    out.push("", `### Violations (first ${Math.min(SHOWN_VIOLATIONS, report.violations.length)} of ${report.violations.length})`);
    for (const v of report.violations.slice(0, SHOWN_VIOLATIONS)) {
      out.push("", `**${cell(v.check)}** (${v.basis}${v.severity === "warning" ? ", warning" : ""}): ${cell(v.purpose)}`, "");
      out.push(`- expected: ${cell(v.expected)}`, `- got: ${cell(v.got)}`, "");
      out.push("```sh", escapeControl(v.curl).replace(/```/g, "'''"), "```");
    }
  }
  const missing = notCovered(report.coverage);
  out.push("", `### Coverage: ${report.coverage.percent}%${report.minCoverage === undefined ? "" : ` (minimum ${report.minCoverage}%)`}`, "");
  out.push(`${report.coverage.covered} of ${report.coverage.total} parameter value classes and documented responses exercised.`);
  if (missing.length > 0) out.push("", `Not covered: ${missing.map(code).join(", ")}`);
  if (report.notes.length > 0) out.push("", "### Notes", "", ...report.notes.map((n) => `- ${cell(n)}`));
  out.push("", `Repeat this run: ${code(report.rerun)}`, "");
  return maskSecrets(out.join("\n"), secrets);
}
