import type { CheckStatus, Report, Violation } from "../report.js";

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const STATUS_LABEL: Record<CheckStatus, string> = { passed: "passed", failed: "FAILED", warned: "warning", "not-run": "not run" };

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1f24;background:#f6f8fa}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}
.banner{padding:16px 20px;border-radius:8px;color:#fff;margin-bottom:16px}
.banner.ok{background:#1a7f37}.banner.bad{background:#cf222e}
.facts{display:flex;flex-wrap:wrap;gap:8px 24px;margin:0;padding:0;list-style:none;color:#57606a}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #d0d7de;border-radius:8px}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #eaeef2;vertical-align:top}
th{background:#f6f8fa;font-weight:600}
td:first-child{white-space:nowrap}
.status{font-weight:600;white-space:nowrap}.passed{color:#1a7f37}.failed{color:#cf222e}.warned{color:#9a6700}.not-run{color:#6e7781}
.basis{font-size:12px;padding:1px 6px;border-radius:10px;background:#eaeef2}
details{background:#fff;border:1px solid #d0d7de;border-left:4px solid #cf222e;border-radius:6px;margin:8px 0;padding:8px 12px}
details.warning{border-left-color:#bf8700}
summary{cursor:pointer;font-weight:600}
pre{background:#f6f8fa;padding:8px;border-radius:6px;overflow-x:auto;white-space:pre-wrap;word-break:break-all;font-size:13px}
dt{font-weight:600;margin-top:6px}dd{margin:0 0 0 12px}
dd,li,summary,td,h1,.banner div{overflow-wrap:anywhere;min-width:0}
.facts li{max-width:100%}
.table-wrap{overflow-x:auto;max-width:100%}
`;

function violationHtml(v: Violation): string {
  return `<details class="${v.severity}"${v.severity === "error" ? " open" : ""}>
<summary>${escapeHtml(v.check)} <span class="basis">${v.basis}</span>${v.minimal ? " (minimal request)" : ""}: ${escapeHtml(v.purpose)}</summary>
<dl>
<dt>Expected</dt><dd>${escapeHtml(v.expected)}</dd>
<dt>Got</dt><dd>${escapeHtml(v.got)}</dd>
<dt>Reproduce</dt><dd><pre>${escapeHtml(v.curl)}</pre></dd>
${v.response ? `<dt>Response</dt><dd><pre>${escapeHtml(`HTTP ${v.response.status}  ${v.response.contentType}\n\n${v.response.body}`)}</pre></dd>` : ""}
</dl>
</details>`;
}

function coverageHtml(report: Report): string {
  const { coverage } = report;
  const mark = (covered: boolean) => `<td class="status ${covered ? "passed" : "not-run"}">${covered ? "covered" : "not covered"}</td>`;
  const parameters = coverage.parameters
    .map((c) => `<tr><td><code>${escapeHtml(c.parameter)}</code></td><td>${escapeHtml(c.class)}</td>${mark(c.covered)}</tr>`)
    .join("\n");
  const responses = coverage.responses
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.operation)}</td><td>${escapeHtml(r.status)}</td><td><code>${escapeHtml(r.contentType)}</code></td>${mark(r.covered)}<td>${r.counted ? "yes" : "no"}</td></tr>`,
    )
    .join("\n");
  return `<h2>Coverage: ${coverage.percent}%${report.minCoverage === undefined ? "" : ` (minimum ${report.minCoverage}%)`}</h2>
<p>${coverage.covered} of ${coverage.total} parameter value classes and documented responses were exercised.</p>
<div class="table-wrap"><table>
<thead><tr><th>Parameter</th><th>Class of values</th><th>Result</th></tr></thead>
<tbody>
${parameters}
</tbody>
</table></div>
<div class="table-wrap"><table>
<thead><tr><th>Operation</th><th>Status</th><th>Content type</th><th>Result</th><th>Counted</th></tr></thead>
<tbody>
${responses}
</tbody>
</table></div>`;
}

/** The report as one self-contained HTML page (no scripts, styles inline, nothing loaded from elsewhere). */
export function formatHtml(report: Report): string {
  const count = (status: CheckStatus) => report.checks.filter((c) => c.status === status).length;
  const rows = report.checks
    .map(
      (c) =>
        `<tr><td><code>${escapeHtml(c.name)}</code></td><td><span class="basis">${c.basis}</span></td><td class="status ${c.status}">${STATUS_LABEL[c.status]}</td><td>${c.passed}</td><td>${c.failed}</td><td>${escapeHtml(c.description)}</td></tr>`,
    )
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>finicity-contract: ${report.stopped ? "stopped early" : report.ok ? "conforms" : "does not conform"} (${escapeHtml(report.baseUrl)})</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<div class="banner ${report.ok ? "ok" : "bad"}">
<h1>${report.stopped ? "The run stopped early: no verdict" : report.ok ? "The server conforms to the Get Customers spec" : "The server does not conform to the Get Customers spec"}</h1>
${report.stopped ? `<div>${escapeHtml(report.stopped.detail)}</div>` : ""}
<div>${count("failed")} failed · ${count("warned")} warnings · ${count("passed")} passed · ${count("not-run")} not run</div>
</div>
<ul class="facts">
<li>Server: <code>${escapeHtml(report.baseUrl)}</code></li><li>Region: ${report.region}</li><li>Seed: ${report.seed}</li>
<li>Requests: ${report.requests} of at most ${report.maxRequests}</li><li>Duration: ${(report.durationMs / 1000).toFixed(1)} s</li>
<li>Started: ${escapeHtml(report.startedAt)}</li><li>Strict: ${report.strict ? "yes" : "no"}</li>
</ul>
<h2>Checks</h2>
<div class="table-wrap"><table>
<thead><tr><th>Check</th><th>Basis</th><th>Result</th><th>Passed</th><th>Failed</th><th>What it asserts</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
<h2>Violations (${report.violations.length})</h2>
${report.violations.length === 0 ? "<p>None.</p>" : report.violations.map(violationHtml).join("\n")}
${
  report.transients.length === 0
    ? ""
    : `<h2>Gateway transients (${report.transients.length}, not violations)</h2>
<ul>${report.transients.map((t) => `<li>${t.status} ${escapeHtml(t.purpose)}<pre>${escapeHtml(t.curl)}</pre></li>`).join("\n")}</ul>`
}
${coverageHtml(report)}
${report.notes.length === 0 ? "" : `<h2>Notes</h2>\n<ul>${report.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("\n")}</ul>`}
<h2>Repeat this run</h2>
<pre>${escapeHtml(report.rerun)}</pre>
<p>Basis: <b>spec</b> the OpenAPI description says so; <b>documented</b> Mastercard documents it; <b>assumed</b> our reading of vaguer documentation (warns unless <code>--strict</code>). Secrets are shown as <code>***</code>.</p>
</main>
</body>
</html>
`;
}
