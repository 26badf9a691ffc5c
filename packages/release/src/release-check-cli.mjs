#!/usr/bin/env node
// @ts-check
/**
 * `pnpm release:check [--no-build] [--tarballs-only] [--keep]`: packs and checks every publishable package, then
 * installs them by name from a local Verdaccio into ESM, CommonJS and TypeScript consumer projects and runs those
 * under Node 20, 22 and 24. Exits 1 when anything fails, listing every problem.
 */
import { parseArgs } from "node:util";
import { repoRoot } from "./git.mjs";
import { releaseCheck } from "./release-check/release-check.mjs";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { "no-build": { type: "boolean" }, "tarballs-only": { type: "boolean" }, keep: { type: "boolean" } },
});

try {
  const result = await releaseCheck({
    root: await repoRoot(process.cwd()),
    build: !values["no-build"],
    consumers: !values["tarballs-only"],
    keep: Boolean(values.keep),
  });
  if (!result.ok) {
    console.error(`\nrelease:check failed:\n${result.problems.map((p) => `- ${p}`).join("\n")}`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`release:check: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 2;
}
