import type { Report } from "../report.js";

/** The report as JSON (secrets were masked when it was built). */
export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
