#!/usr/bin/env node
// @ts-check
/**
 * `pnpm spec:diff [--base REF]`: compares spec/openapi.yaml in the work tree with its version at REF (default: the
 * last release tag, else the merge base with main, else HEAD) and lists each change as breaking or not.
 * Exits 1 when anything is breaking, 2 on a usage or tool error.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { SPEC_PATH, defaultBaseRef, fileAtRef, repoRoot } from "./git.mjs";
import { diffSpecs, formatSpecDiff } from "./spec-diff.mjs";

/**
 * @param {string[]} argv
 * @param {string} cwd
 */
export async function main(argv, cwd = process.cwd()) {
  const { values } = parseArgs({ args: argv, options: { base: { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    console.log("Usage: pnpm spec:diff [--base REF]\nCompares spec/openapi.yaml with its version at REF (default: last release tag, else merge base with main).");
    return 0;
  }
  const root = await repoRoot(cwd);
  const base = values.base ? { ref: values.base, why: "--base" } : await defaultBaseRef(root);
  const baseText = await fileAtRef(root, base.ref);
  const revisionText = await readFile(join(root, SPEC_PATH), "utf8");
  console.log(`spec:diff: ${SPEC_PATH} against ${base.ref} (${base.why})`);
  if (baseText === undefined) {
    console.log(`${SPEC_PATH} did not exist at ${base.ref}: everything in it is new (non-breaking).`);
    return 0;
  }
  const diff = await diffSpecs(baseText, revisionText);
  console.log(formatSpecDiff(diff));
  return diff.changes.some((c) => c.breaking) ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(`spec:diff: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
