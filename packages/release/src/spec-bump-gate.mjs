// @ts-check
/**
 * The spec-bump gate: when the spec changed since the last release, the pending changesets must bump every package
 * the spec affects by at least the bump the change needs (major for a breaking change, minor for an addition, patch
 * for anything else that changes the spec). Changesets' own release plan is used, so `fixed` groups count.
 */
import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import getReleasePlanModule from "@changesets/get-release-plan";
import semver from "semver";
import { SPEC_PATH, defaultBaseRef, fileAtRef } from "./git.mjs";
import { BUMP_ORDER, diffSpecs, maxBump } from "./spec-diff.mjs";

/** @type {typeof import("@changesets/get-release-plan").default} */
// The package is CommonJS with a `default` export; Node's ESM interop may wrap it once more.
const getReleasePlan = /** @type {any} */ (getReleasePlanModule).default ?? getReleasePlanModule;

/**
 * Every package generated from, typed by, serving or checking against the spec: types (generated, ships the
 * spec), client (re-exports the types), mock (serves the shipped spec) and contract (checks against it).
 */
export const SPEC_PACKAGES = [
  "@finicity-aggregation/types",
  "@finicity-aggregation/client",
  "@finicity-aggregation/mock",
  "@finicity-aggregation/contract",
];

/**
 * @typedef {import("./spec-diff.mjs").Bump} Bump
 * @typedef {{ pkg: string, needs: Bump, has: Bump }} MissingBump
 * @typedef {object} GateResult
 * @property {boolean} ok
 * @property {string} base           the ref compared with, and why
 * @property {import("./spec-diff.mjs").SpecDiff} diff
 * @property {Record<string, Bump>} planned  the bump pending changesets give each spec package
 * @property {MissingBump[]} missing
 * @property {string} message
 */

/**
 * @param {{ root: string, baseRef?: string, packages?: readonly string[] }} options
 * @returns {Promise<GateResult>}
 */
export async function checkSpecBump({ root, baseRef, packages = SPEC_PACKAGES }) {
  const base = baseRef ? { ref: baseRef, why: "--base" } : await defaultBaseRef(root);
  const baseText = await fileAtRef(root, base.ref);
  const revisionText = await readFile(join(root, SPEC_PATH), "utf8");
  const baseLabel = `${base.ref} (${base.why})`;
  /** @type {import("./spec-diff.mjs").SpecDiff} */
  const diff =
    baseText === undefined
      ? { bump: "minor", changes: [{ impact: "minor", breaking: false, where: SPEC_PATH, message: "the spec is new", rule: undefined }] }
      : await diffSpecs(baseText, revisionText);
  if (diff.bump === "none") {
    return { ok: true, base: baseLabel, diff, planned: {}, missing: [], message: `spec unchanged since ${baseLabel}` };
  }

  const plan = await getReleasePlan(root);
  const applied = await appliedBumps(root, base.ref);
  /** @type {Record<string, Bump>} */
  const planned = {};
  for (const pkg of packages) {
    const release = plan.releases.find((r) => r.name === pkg);
    const pending = release && release.type !== "none" ? release.type : "none";
    // After `changeset version` (the Version Packages pull request) the changesets are gone but the versions moved.
    planned[pkg] = maxBump(pending, applied[pkg] ?? "none");
  }
  const needs = diff.bump;
  const missing = packages
    .filter((pkg) => BUMP_ORDER.indexOf(planned[pkg] ?? "none") < BUMP_ORDER.indexOf(needs))
    .map((pkg) => ({ pkg, needs, has: planned[pkg] ?? "none" }));

  const reasons = diff.changes
    .filter((c) => c.impact === needs)
    .map((c) => `  - ${c.breaking ? "BREAKING " : ""}${c.where}: ${c.message} → needs ${c.impact}`);
  const ok = missing.length === 0;
  const message = ok
    ? `spec changed since ${baseLabel} (needs ${needs}); pending changesets bump ${packages.join(", ")} by at least ${needs}`
    : [
        `The spec changed since ${baseLabel} in a way that needs a ${needs} release:`,
        ...reasons,
        "Pending changesets do not bump enough:",
        ...missing.map((m) => `  - ${m.pkg}: needs ${m.needs}, pending changesets give ${m.has}`),
        `Add one: pnpm changeset (choose ${needs} for ${missing.map((m) => m.pkg).join(", ")}), or write .changeset/<name>.md:`,
        "---",
        ...missing.map((m) => `"${m.pkg}": ${m.needs}`),
        "---",
        "<what changed in the API, for the release notes>",
      ].join("\n");
  return { ok, base: baseLabel, diff, planned, missing, message };
}

/**
 * The bump each workspace package's version already took since `ref` (what `changeset version` applied).
 * @param {string} root
 * @param {string} ref
 * @returns {Promise<Record<string, Bump>>}
 */
async function appliedBumps(root, ref) {
  /** @type {Record<string, Bump>} */
  const bumps = {};
  const dirs = await readdir(join(root, "packages"));
  for (const dir of dirs) {
    const file = `packages/${dir}/package.json`;
    if (!existsSync(join(root, file))) continue;
    const now = JSON.parse(await readFile(join(root, file), "utf8"));
    const thenText = await fileAtRef(root, ref, file);
    if (!thenText || !now.name) continue;
    const then = JSON.parse(thenText);
    if (!semver.valid(then.version) || !semver.valid(now.version) || !semver.gt(now.version, then.version)) continue;
    const diff = semver.diff(then.version, now.version);
    bumps[now.name] = diff === "major" || diff === "premajor" ? "major" : diff === "minor" || diff === "preminor" ? "minor" : "patch";
  }
  return bumps;
}
