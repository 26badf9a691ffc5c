#!/usr/bin/env node
// @ts-check
/**
 * `pnpm check:spec-bump [--base REF]` (part of `pnpm test`): fails when the spec changed since the last release and
 * the pending changesets do not bump the packages by what the change needs. Exits 1 then, 2 on a usage or tool error.
 */
import { parseArgs } from "node:util";
import { repoRoot } from "./git.mjs";
import { checkSpecBump } from "./spec-bump-gate.mjs";

try {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { base: { type: "string" } } });
  const result = await checkSpecBump({ root: await repoRoot(process.cwd()), ...(values.base ? { baseRef: values.base } : {}) });
  (result.ok ? console.log : console.error)(`check:spec-bump: ${result.message}`);
  process.exitCode = result.ok ? 0 : 1;
} catch (error) {
  console.error(`check:spec-bump: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
