#!/usr/bin/env node
// @ts-check
/**
 * `pnpm spec:diff [--base REF] [--usage FILE]`: compares spec/openapi.yaml in the work tree with its version at REF
 * (default: the last release tag, else the merge base with main, else HEAD) and lists each change as breaking or not.
 * Exits 1 when anything is breaking, 2 on a usage or tool error. With `--usage FILE` (a usage profile), it also
 * prints `finicity-contract compat`'s verdict for the work tree's spec, and the exit code is that verdict's.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { SPEC_PATH, defaultBaseRef, fileAtRef, repoRoot } from "./git.mjs";
import { diffSpecs, formatSpecDiff } from "./spec-diff.mjs";
import { usageVerdict } from "./spec-diff-usage.mjs";

/** @param {string} usage @param {string} revisionText */
function printUsageVerdict(usage, revisionText) {
  const verdict = usageVerdict(usage, revisionText, `the work tree's ${SPEC_PATH}`);
  (verdict.code === 2 ? console.error : console.log)(verdict.text);
  return verdict.code;
}

/**
 * @param {string[]} argv
 * @param {string} cwd
 */
export async function main(argv, cwd = process.cwd()) {
  const { values } = parseArgs({ args: argv, options: { base: { type: "string" }, usage: { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    console.log(
      "Usage: pnpm spec:diff [--base REF] [--usage FILE]\nCompares spec/openapi.yaml with its version at REF (default: last release tag, else merge base with main).\n" +
        "--usage FILE: also check a usage profile (finicity-mock --usage-out) against the work tree's spec; the exit code is that verdict.",
    );
    return 0;
  }
  const root = await repoRoot(cwd);
  const base = values.base ? { ref: values.base, why: "--base" } : await defaultBaseRef(root);
  const baseText = await fileAtRef(root, base.ref);
  const revisionText = await readFile(join(root, SPEC_PATH), "utf8");
  console.log(`spec:diff: ${SPEC_PATH} against ${base.ref} (${base.why})`);
  if (baseText === undefined) {
    console.log(`${SPEC_PATH} did not exist at ${base.ref}: everything in it is new (non-breaking).`);
    return values.usage === undefined ? 0 : printUsageVerdict(values.usage, revisionText);
  }
  const diff = await diffSpecs(baseText, revisionText);
  console.log(formatSpecDiff(diff));
  if (values.usage !== undefined) return printUsageVerdict(values.usage, revisionText);
  return diff.changes.some((c) => c.breaking) ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(`spec:diff: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
