import type { Report } from "../report.js";

/**
 * C1 controls, DEL, and the bidirectional overrides and separators: JSON.stringify escapes C0 controls (ESC
 * included) but leaves these raw, and `cat report.json` would hand them to a terminal.
 */
const UNSAFE = /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** The report as JSON (secrets were masked when it was built; characters a terminal acts on are escaped). */
export function formatJson(report: Report): string {
  const json = JSON.stringify(report, null, 2).replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `${json}\n`;
}
