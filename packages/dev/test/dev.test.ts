// `pnpm dev`, run the way a maintainer runs it, on a scratch copy of the tree: edit the spec, see the types
// regenerated and the spec:diff line; break it, see the error and the loop alive; fix it; stop it cleanly.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument } from "yaml";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeScratchTree } from "./scratch-tree.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const cli = path.join(root, "packages", "dev", "src", "cli.mjs");
const PROBE = "devLoopProbe";

let tree: string;
let child: ChildProcess;
let output = "";
let exited: Promise<number | null>;

/** Waits until the loop prints a line matching `pattern` after `from` (an offset in the output); upper bound only. */
async function waitFor(pattern: RegExp, from: number, timeoutMs = 480_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rest = output.slice(from);
    const match = pattern.exec(rest);
    if (match) return from + match.index + match[0].length;
    if (child.exitCode !== null) throw new Error(`pnpm dev exited (${child.exitCode}) before printing ${pattern}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`pnpm dev did not print ${pattern} in ${timeoutMs} ms:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const specFile = () => path.join(tree, "spec", "openapi.yaml");
const generated = () => readFileSync(path.join(tree, "packages", "types", "src", "generated", "openapi.ts"), "utf8");
const builtTypes = () => readFileSync(path.join(tree, "packages", "types", "dist", "index.d.ts"), "utf8");

beforeAll(async () => {
  tree = makeScratchTree(root);
  child = spawn(process.execPath, [cli, "--root", tree], { cwd: tree, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  await waitFor(/dev: ready in \d+ ms/, 0);
}, 600_000);

afterAll(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  if (tree) rmSync(tree, { recursive: true, force: true });
});

it("regenerates, rebuilds and type-checks on a save, runs the fast tests and prints the spec:diff line", async () => {
  expect(generated()).not.toContain(PROBE);
  const doc = parseDocument(readFileSync(specFile(), "utf8"));
  doc.setIn(["components", "schemas", "Customer", "properties", PROBE], { type: "string", description: "Added by the pnpm dev test." });
  const from = output.length;
  writeFileSync(specFile(), doc.toString());

  const built = await waitFor(/dev: ✔ regenerated, rebuilt and type-checked in \d+ ms since the save \(.*; cpu \d+ ms; \d+ lint warning/, from);
  expect(generated(), output).toContain(PROBE);
  expect(builtTypes(), output).toContain(PROBE);
  const done = await waitFor(/dev: cycle \d+ done/, built);
  const cycle = output.slice(from, done);
  expect(cycle).toMatch(/dev: spec:diff ok: .*non-breaking|dev: spec:diff ok: .*change/i);
  expect(cycle).toMatch(/dev: ✔ client fast tests passed/);
}, 600_000);

it("says clearly when the spec is broken, keeps the last good output, and keeps watching", async () => {
  const good = readFileSync(specFile(), "utf8");
  let from = output.length;
  writeFileSync(specFile(), good.replace(/^openapi: 3\.1\.\d+$/m, "openapi: [unclosed"));
  const broken = await waitFor(/dev: ✖ spec is broken: \d+ lint error\(s\)/, from);
  await waitFor(/dev: cycle \d+ done/, broken);
  expect(generated()).toContain(PROBE); // nothing regenerated from the broken spec
  expect(child.exitCode).toBeNull();

  // Still alive: the next save is picked up.
  const doc = parseDocument(good);
  doc.deleteIn(["components", "schemas", "Customer", "properties", PROBE]);
  from = output.length;
  writeFileSync(specFile(), doc.toString());
  await waitFor(/dev: ✔ regenerated, rebuilt and type-checked/, from);
  expect(generated()).not.toContain(PROBE);
}, 600_000);

it("stops cleanly on SIGTERM", async () => {
  await waitFor(/dev: cycle \d+ done/, output.lastIndexOf("✔ regenerated"));
  child.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(output).toMatch(/dev: stopped/);
}, 120_000);
