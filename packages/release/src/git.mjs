// @ts-check
/** The git questions spec:diff and the gate ask: which ref was the last release, and what did the spec say there. */
import { run } from "./run.mjs";

export const SPEC_PATH = "spec/openapi.yaml";

/** Tags that mark a release: the ones changesets makes (`@finicity-aggregation/types@1.2.0`) and plain `v1.2.0`. */
export const RELEASE_TAG_PATTERNS = ["@finicity-aggregation/*@*", "v*"];

/**
 * @param {string} cwd
 * @param {string[]} args
 * @returns {Promise<string | undefined>} trimmed stdout, or undefined when git fails
 */
async function gitOutput(cwd, args) {
  const result = await run("git", args, { cwd });
  return result.code === 0 ? result.stdout.trim() : undefined;
}

/** @param {string} cwd */
export async function repoRoot(cwd) {
  const root = await gitOutput(cwd, ["rev-parse", "--show-toplevel"]);
  if (!root) throw new Error(`${cwd} is not inside a git work tree`);
  return root;
}

/**
 * The nearest release tag reachable from HEAD, if any.
 * @param {string} cwd
 */
export async function lastReleaseTag(cwd) {
  const matches = RELEASE_TAG_PATTERNS.flatMap((pattern) => ["--match", pattern]);
  return gitOutput(cwd, ["describe", "--tags", "--abbrev=0", ...matches, "HEAD"]);
}

/**
 * @typedef {{ ref: string, why: string }} BaseRef
 */

/**
 * The ref to compare the spec with when none is given:
 * 1. the last release tag;
 * 2. else, on a branch other than main, the merge base with main (or origin/main);
 * 3. else (on main itself, or no main to compare with) HEAD: only uncommitted spec edits count.
 * @param {string} cwd
 * @param {{ mainBranch?: string }} [options]
 * @returns {Promise<BaseRef>}
 */
export async function defaultBaseRef(cwd, options = {}) {
  const main = options.mainBranch ?? "main";
  const tag = await lastReleaseTag(cwd);
  if (tag) return { ref: tag, why: `last release tag ${tag}` };
  const head = await gitOutput(cwd, ["rev-parse", "HEAD"]);
  if (!head) throw new Error("this repository has no commit yet: nothing to compare the spec with");
  for (const candidate of [main, `origin/${main}`]) {
    const tip = await gitOutput(cwd, ["rev-parse", "--verify", "--quiet", `${candidate}^{commit}`]);
    if (!tip) continue;
    if (tip === head) return { ref: "HEAD", why: `HEAD is ${candidate} and no release tag exists yet` };
    const base = await gitOutput(cwd, ["merge-base", "HEAD", candidate]);
    if (base) return { ref: base, why: `merge base with ${candidate} (no release tag yet)` };
  }
  return { ref: "HEAD", why: `no release tag and no ${main} branch` };
}

/**
 * The spec's text at a ref, or undefined when the file did not exist there.
 * @param {string} cwd
 * @param {string} ref
 * @param {string} [path]
 */
export async function fileAtRef(cwd, ref, path = SPEC_PATH) {
  const commit = await gitOutput(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  if (!commit) throw new Error(`unknown git ref ${JSON.stringify(ref)}`);
  const result = await run("git", ["show", `${commit}:${path}`], { cwd });
  return result.code === 0 ? result.stdout : undefined;
}
