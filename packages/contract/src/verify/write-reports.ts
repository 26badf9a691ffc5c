import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Report } from "./report.js";
import { formatHtml } from "./reporters/html.js";
import { formatJson } from "./reporters/json.js";
import { formatJUnit } from "./reporters/junit.js";

export interface ReportFiles {
  json?: string;
  junit?: string;
  html?: string;
}

/** Writes the report in each format asked for, creating folders as needed. */
export async function writeReports(report: Report, files: ReportFiles): Promise<void> {
  const jobs: Array<[string | undefined, (r: Report) => string]> = [
    [files.json, formatJson],
    [files.junit, formatJUnit],
    [files.html, formatHtml],
  ];
  for (const [path, format] of jobs) {
    if (!path) continue;
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, format(report), "utf8");
  }
}
