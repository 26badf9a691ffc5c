// @ts-check
/**
 * Compares two versions of an OpenAPI description and rates every change by the semver bump it needs,
 * with `redocly diff` (@redocly/cli). Its rules are direction-aware: a value added to a *request* enum is a
 * patch while one added to a *response* enum is major (clients may not handle it); a parameter that became
 * required, a removed parameter/response/property, a changed type and a dropped security requirement are major;
 * a new optional response field is minor.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "./run.mjs";

/** @typedef {"none" | "patch" | "minor" | "major"} Bump */
/**
 * @typedef {object} SpecChange
 * @property {"patch" | "minor" | "major"} impact
 * @property {boolean} breaking  true for a major change
 * @property {string} where      operation and location, e.g. `GET /aggregation/v1/customers: parameters/type`
 * @property {string} message    what changed, in words
 * @property {string | undefined} rule  redocly's rule id, when one fired
 */
/** @typedef {{ bump: Bump, changes: SpecChange[] }} SpecDiff */

/** @type {readonly Bump[]} */
export const BUMP_ORDER = ["none", "patch", "minor", "major"];

/** @param {Bump} a @param {Bump} b */
export function maxBump(a, b) {
  return BUMP_ORDER.indexOf(a) >= BUMP_ORDER.indexOf(b) ? a : b;
}

function redoclyBin() {
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve("@redocly/cli/package.json");
  return join(dirname(pkgJson), /** @type {{ bin: Record<string, string> }} */ (require(pkgJson)).bin.redocly ?? "bin/cli.js");
}

/** `#/paths/~1aggregation~1v1~1customers/get/responses/200/...` → `GET /aggregation/v1/customers: responses/200/...` */
export function describePointer(/** @type {string} */ pointer) {
  const parts = pointer.replace(/^#\/?/, "").split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (parts[0] === "paths" && parts.length >= 2) {
    const [, path, method, ...rest] = parts;
    const operation = method ? `${method.toUpperCase()} ${path}` : String(path);
    return rest.length ? `${operation}: ${rest.join("/")}` : operation;
  }
  return parts.join("/") || "(document)";
}

/**
 * @param {any} change a `changes[]` entry of redocly's JSON report
 * @returns {SpecChange}
 */
function toSpecChange(change) {
  const impact = change.impact;
  const verdicts = Array.isArray(change.verdicts) ? change.verdicts : [];
  // Where the change sits in the file (often a shared component), with its line in the newer file when it has one.
  const source = verdicts[0]?.location ?? change.revision ?? change.base;
  const sourceText = source?.pointer ? ` [${String(source.pointer).replace(/^#\//, "").replace(/~1/g, "/")}${source.line ? `, line ${source.line}` : ""}]` : "";
  const where = `${describePointer(String(change.path ?? ""))}${sourceText}`;
  const fromRules = verdicts.map((/** @type {any} */ v) => String(v.message)).join(" ");
  const property = change.property ? ` \`${change.property}\`` : "";
  const message = fromRules || `${change.kind ?? "changed"}${property} (${change.typeName ?? "node"})`;
  return { impact, breaking: impact === "major", where, message, rule: verdicts[0]?.ruleId };
}

/**
 * Rates the changes from `baseText` to `revisionText` (both OpenAPI YAML or JSON).
 * @param {string} baseText
 * @param {string} revisionText
 * @returns {Promise<SpecDiff>}
 */
export async function diffSpecs(baseText, revisionText) {
  if (baseText === revisionText) return { bump: "none", changes: [] };
  const dir = await mkdtemp(join(tmpdir(), "spec-diff-"));
  try {
    const base = join(dir, "base.yaml");
    const revision = join(dir, "revision.yaml");
    await writeFile(base, baseText);
    await writeFile(revision, revisionText);
    const result = await run(
      process.execPath,
      [redoclyBin(), "diff", base, revision, "--format", "json", "--fail-on", "none", "--lint-config", "off"],
      {
        cwd: dir,
        env: {
          ...process.env,
          REDOCLY_TELEMETRY: "off",
          REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
          REDOCLY_SUPPRESS_NOTIFICATIONS: "true",
          NO_COLOR: "1",
        },
      },
    );
    /** @type {any} */
    let report;
    try {
      report = JSON.parse(result.stdout.slice(result.stdout.indexOf("{")));
    } catch {
      throw new Error(`redocly diff gave no JSON report (exit ${result.code}):\n${result.stdout}\n${result.stderr}`.trim());
    }
    if (result.code !== 0) throw new Error(`redocly diff exited with ${result.code}:\n${result.stderr}`.trim());
    const changes = (Array.isArray(report.changes) ? report.changes : []).map(toSpecChange);
    /** @type {Bump} */
    const bump = changes.reduce((/** @type {Bump} */ acc, /** @type {SpecChange} */ c) => maxBump(acc, c.impact), "none");
    return { bump, changes };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Human-readable report: one line per change, breaking ones first.
 * @param {SpecDiff} diff
 */
export function formatSpecDiff(diff) {
  if (diff.changes.length === 0) return "No changes to the spec.";
  const sorted = [...diff.changes].sort((a, b) => BUMP_ORDER.indexOf(b.impact) - BUMP_ORDER.indexOf(a.impact));
  const lines = sorted.map((c) => `  ${c.breaking ? "BREAKING" : "non-breaking"} (${c.impact}) ${c.where}: ${c.message}`);
  const breaking = diff.changes.filter((c) => c.breaking).length;
  const summary = breaking
    ? `${breaking} breaking change(s) of ${diff.changes.length}: the packages need a major version.`
    : `${diff.changes.length} non-breaking change(s): the packages need at least a ${diff.bump} version.`;
  return [...lines, summary].join("\n");
}
