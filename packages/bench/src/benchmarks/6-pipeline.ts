import { execFileSync, spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseDocument } from "yaml";
import { repoRoot } from "../paths.js";
import { measured, notAvailable } from "../report.js";
import type { Benchmark } from "./benchmark.js";

const CLIENT = "@finicity-aggregation/client";
const COLD = "cold build (turbo --force) / fully cached build";
const DEV = "spec edit → regenerated, rebuilt and type-checked (pnpm dev, warm)";
const DEV_TARGET = { op: "<=" as const, value: 3000 };
const DEV_EDITS = 3;

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

interface DevLoopRun {
  /** Wall time from each write of the spec to the loop's "regenerated, rebuilt and type-checked" line. */
  wallMs: number[];
  /** The loop's own step times of the last edit, as it printed them. */
  lastDetail: string;
  warmUpMs: number;
}

/**
 * `pnpm dev` in the scratch copy, warm: started once (its warm-up cycle is not counted), then DEV_EDITS real edits
 * of the spec, each timed from the write to the line saying everything was regenerated, rebuilt and type-checked.
 * The fast tests and spec:diff, which the loop runs after that line, are turned off so they do not overlap the next
 * edit.
 */
async function measureDevLoop(root: string, log: (line: string) => void): Promise<DevLoopRun> {
  const child = spawn(process.execPath, [path.join(root, "packages", "dev", "src", "cli.mjs"), "--root", root, "--no-tests", "--no-diff"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-256 * 1024)));
  child.stderr.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-256 * 1024)));
  const waitFor = async (pattern: RegExp, from: number, timeoutMs = 600_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(output.slice(from));
      if (match) return { end: from + match.index + match[0].length, match };
      if (child.exitCode !== null) throw new Error(`pnpm dev exited (${child.exitCode}): ${output.slice(-500)}`);
      if (Date.now() > deadline) throw new Error(`pnpm dev did not print ${pattern}: ${output.slice(-500)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  try {
    const t0 = Date.now();
    await waitFor(/dev: ready in \d+ ms/, 0);
    const warmUpMs = Date.now() - t0;
    const file = path.join(root, "spec", "openapi.yaml");
    const wallMs: number[] = [];
    let lastDetail = "";
    for (let i = 0; i < DEV_EDITS; i++) {
      log(`6: pnpm dev, edit ${i + 1} of ${DEV_EDITS}`);
      const doc = parseDocument(readFileSync(file, "utf8"));
      doc.setIn(["components", "schemas", "Customer", "properties", `benchDevProbe${i}`], { type: "string", description: "Added by the bench's dev-loop row." });
      const from = output.length;
      const start = performance.now();
      writeFileSync(file, doc.toString());
      const { end, match } = await waitFor(/dev: (✔ regenerated, rebuilt and type-checked|✖ [^\n]*)/, from);
      wallMs.push(performance.now() - start);
      if (!match[1]!.startsWith("✔")) throw new Error(`pnpm dev failed on a valid edit: ${output.slice(from, from + 2000)}`);
      lastDetail = output.slice(end, output.indexOf("\n", end)).trim();
      await waitFor(/dev: cycle \d+ done/, end);
    }
    return { wallMs, lastDetail, warmUpMs };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
  }
}

/**
 * 6. The pipeline, in a scratch copy of the working tree (the real tree, its git state and its spec are never
 * touched): a cold `turbo run build --force` against a fully cached one, and a spec edit carried through
 * regenerated types into a rebuilt client.
 */
export const pipeline: Benchmark = {
  id: 6,
  title: "Pipeline: cold vs cached build, spec edit to rebuilt client, the warm pnpm dev loop",
  async run(options) {
    if (options.smoke) {
      return {
        config: {},
        rows: [notAvailable(COLD, "skipped in --smoke (it builds the whole repo)"), notAvailable(DEV, "skipped in --smoke (it builds the whole repo)", DEV_TARGET, "ms")],
        data: {},
        notes: [],
      };
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
      let dev: DevLoopRun | undefined;
      let devError = "";
      try {
        options.log("6: pnpm dev (warm loop) in the copy");
        dev = await measureDevLoop(scratch, options.log);
      } catch (error) {
        devError = error instanceof Error ? error.message.slice(0, 300) : String(error);
        notes.push(`pnpm dev could not be measured: ${devError}`);
      }
      const devMedian = dev ? [...dev.wallMs].sort((a, b) => a - b)[Math.floor(dev.wallMs.length / 2)]! : Number.NaN;
      const allCached = cached.cached === cached.total;
      return {
        config: { copy: "git ls-files --cached --others --exclude-standard into a temp dir", install: "pnpm install --offline --frozen-lockfile", edit: `adds Customer.${property} to the copy's spec` },
        rows: [
          measured(COLD, cold.ms / cached.ms, "x", undefined, `cold ${(cold.ms / 1000).toFixed(1)} s (${cold.total} tasks), cached ${(cached.ms / 1000).toFixed(2)} s (${cached.cached}/${cached.total} cache hits${allCached ? ", FULL TURBO" : ""})`),
          measured("cold build: total time", cold.ms, "ms"),
          measured("fully cached build: total time", cached.ms, "ms"),
          measured("fully cached build: cache hits / tasks", cached.cached / cached.total, "x", { op: ">=", value: 1 }, allCached ? "every task a cache hit" : `only ${cached.cached}/${cached.total} tasks were cache hits`),
          measured("spec edit → regenerated types → rebuilt client", editMs, "ms", undefined, `generate ${(generate.ms / 1000).toFixed(1)} s + build ${(rebuild.ms / 1000).toFixed(1)} s (${rebuild.cached}/${rebuild.total} cache hits); the edit ${reached ? "reached" : "did NOT reach"} the generated types${builtTypes.includes(property) ? " and the built types" : ""}`),
          dev
            ? measured(DEV, devMedian, "ms", DEV_TARGET, `median of ${dev.wallMs.length} edits, from the write to the loop's line: ${dev.wallMs.map((m) => Math.round(m)).join(", ")} ms (warm-up ${(dev.warmUpMs / 1000).toFixed(1)} s, not counted); last edit: ${dev.lastDetail}`)
            : notAvailable(DEV, devError, DEV_TARGET, "ms"),
        ],
        data: { devLoopMs: dev?.wallMs ?? null, files, installMs: install.ms, coldMs: cold.ms, cachedMs: cached.ms, cached: { hits: cached.cached, total: cached.total }, generateMs: generate.ms, rebuildMs: rebuild.ms, rebuildCache: { hits: rebuild.cached, total: rebuild.total }, editReachedTypes: reached },
        notes,
      };
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  },
};
