import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseDocument } from "yaml";
import { repoRoot } from "../paths.js";
import { measured, notAvailable } from "../report.js";
import type { Benchmark } from "./benchmark.js";

const CLIENT = "@finicity-aggregation/client";
const COLD = "cold build (turbo --force) / fully cached build";

interface Step {
  ms: number;
  cached: number;
  total: number;
  output: string;
}

/** Copies the working tree (tracked and new files, not ignored ones) without touching git state. */
function copyWorkingTree(from: string, to: string): number {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: from, maxBuffer: 64 * 1024 * 1024 })
    .toString()
    .split("\0")
    .filter(Boolean);
  let copied = 0;
  for (const file of listed) {
    const source = path.join(from, file);
    if (!existsSync(source) || !statSync(source).isFile()) continue; // deleted in the working tree
    mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    copyFileSync(source, path.join(to, file));
    copied++;
  }
  return copied;
}

/**
 * Gives the copy a git repository of its own (turbo hashes task inputs through git and honours .gitignore only
 * there; without one, each build's dist/ counts as an input of the next and nothing is ever a cache hit).
 */
function initScratchGit(cwd: string): void {
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "-c", "commit.gpgsign=false", ...args], { cwd, stdio: "ignore" });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "-m", "scratch copy for the pipeline benchmark");
}

function run(cwd: string, args: string[]): Step {
  const t0 = process.hrtime.bigint();
  const result = spawnSync("pnpm", args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", CI: "true", FORCE_COLOR: "0", NO_COLOR: "1" },
    timeout: 300_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (result.status !== 0) throw new Error(`pnpm ${args.join(" ")} failed (exit ${result.status}): ${output.trim().split("\n").slice(-8).join(" | ")}`);
  const summary = /Cached:\s+(\d+) cached, (\d+) total/.exec(output);
  return { ms, cached: Number(summary?.[1] ?? Number.NaN), total: Number(summary?.[2] ?? Number.NaN), output };
}

/** Adds an optional property to `Customer` in the copy's spec: a change that must reach the generated types. */
function editSpec(root: string): string {
  const file = path.join(root, "spec", "openapi.yaml");
  const doc = parseDocument(readFileSync(file, "utf8"));
  const property = "benchPipelineProbe";
  doc.setIn(["components", "schemas", "Customer", "properties", property], { type: "string", description: "Added by the bench's pipeline figure in a scratch copy." });
  writeFileSync(file, doc.toString());
  return property;
}

/**
 * 6. The pipeline, in a scratch copy of the working tree (the real tree, its git state and its spec are never
 * touched): a cold `turbo run build --force` against a fully cached one, and a spec edit carried through
 * regenerated types into a rebuilt client.
 */
export const pipeline: Benchmark = {
  id: 6,
  title: "Pipeline: cold vs cached build, spec edit to rebuilt client",
  async run(options) {
    if (options.smoke) {
      return { config: {}, rows: [notAvailable(COLD, "skipped in --smoke (it builds the whole repo)")], data: {}, notes: [] };
    }
    const scratch = mkdtempSync(path.join(os.tmpdir(), "finicity-bench-pipeline-"));
    const notes: string[] = [];
    try {
      const files = copyWorkingTree(repoRoot(), scratch);
      initScratchGit(scratch);
      options.log(`6: copied ${files} files to ${scratch}; installing offline`);
      let install: Step;
      try {
        install = run(scratch, ["install", "--offline", "--frozen-lockfile"]);
      } catch (error) {
        notes.push(`A frozen offline install failed (${error instanceof Error ? error.message.slice(0, 200) : String(error)}); installed without --frozen-lockfile.`);
        install = run(scratch, ["install", "--offline", "--no-frozen-lockfile"]);
      }
      options.log("6: cold build (turbo --force)");
      const cold = run(scratch, ["turbo", "run", "build", "--force", "--no-daemon"]);
      options.log("6: cached build");
      const cached = run(scratch, ["turbo", "run", "build", "--no-daemon"]);

      const property = editSpec(scratch);
      options.log("6: spec edit → generate → build the client");
      const generate = run(scratch, ["turbo", "run", "generate", `--filter=${CLIENT}...`, "--no-daemon"]);
      const rebuild = run(scratch, ["turbo", "run", "build", `--filter=${CLIENT}...`, "--no-daemon"]);
      const generated = readFileSync(path.join(scratch, "packages", "types", "src", "generated", "openapi.ts"), "utf8");
      const builtTypes = readFileSync(path.join(scratch, "packages", "types", "dist", "index.d.ts"), "utf8");
      const reached = generated.includes(property);
      if (!reached) notes.push(`The spec edit did not reach packages/types/src/generated/openapi.ts.`);
      const editMs = generate.ms + rebuild.ms;
      const allCached = cached.cached === cached.total;
      return {
        config: { copy: "git ls-files --cached --others --exclude-standard into a temp dir", install: "pnpm install --offline --frozen-lockfile", edit: `adds Customer.${property} to the copy's spec` },
        rows: [
          measured(COLD, cold.ms / cached.ms, "x", undefined, `cold ${(cold.ms / 1000).toFixed(1)} s (${cold.total} tasks), cached ${(cached.ms / 1000).toFixed(2)} s (${cached.cached}/${cached.total} cache hits${allCached ? ", FULL TURBO" : ""})`),
          measured("cold build: total time", cold.ms, "ms"),
          measured("fully cached build: total time", cached.ms, "ms"),
          measured("fully cached build: cache hits / tasks", cached.cached / cached.total, "x", { op: ">=", value: 1 }, allCached ? "every task a cache hit" : `only ${cached.cached}/${cached.total} tasks were cache hits`),
          measured("spec edit → regenerated types → rebuilt client", editMs, "ms", undefined, `generate ${(generate.ms / 1000).toFixed(1)} s + build ${(rebuild.ms / 1000).toFixed(1)} s (${rebuild.cached}/${rebuild.total} cache hits); the edit ${reached ? "reached" : "did NOT reach"} the generated types${builtTypes.includes(property) ? " and the built types" : ""}`),
        ],
        data: { files, installMs: install.ms, coldMs: cold.ms, cachedMs: cached.ms, cached: { hits: cached.cached, total: cached.total }, generateMs: generate.ms, rebuildMs: rebuild.ms, rebuildCache: { hits: rebuild.cached, total: rebuild.total }, editReachedTypes: reached },
        notes,
      };
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  },
};
