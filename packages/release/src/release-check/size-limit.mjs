// @ts-check
/** Runs a package's size-limit budgets (when it has a size-limit config) with the package's own size-limit. */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { run } from "../run.mjs";

const CONFIG_FILES = [".size-limit.json", ".size-limit.js", ".size-limit.cjs", ".size-limit.mjs", ".size-limit.ts"];

/** @param {string} pkgDir */
export async function hasSizeLimit(pkgDir) {
  if (CONFIG_FILES.some((file) => existsSync(join(pkgDir, file)))) return true;
  const manifest = JSON.parse(await readFile(join(pkgDir, "package.json"), "utf8"));
  return Array.isArray(manifest["size-limit"]);
}

/**
 * @param {string} pkgDir
 * @returns {Promise<{ checked: boolean, problems: string[], output: string }>}
 */
export async function checkSizeLimit(pkgDir) {
  if (!(await hasSizeLimit(pkgDir))) return { checked: false, problems: [], output: "" };
  const bin = join(pkgDir, "node_modules", ".bin", "size-limit");
  if (!existsSync(bin)) {
    return { checked: true, problems: ["size-limit: the package has a size-limit config but no size-limit devDependency"], output: "" };
  }
  const result = await run(bin, [], { cwd: pkgDir, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } });
  const output = `${result.stdout}\n${result.stderr}`.trim();
  return { checked: true, problems: result.code === 0 ? [] : [`size-limit: over budget or failed:\n${output}`], output };
}
