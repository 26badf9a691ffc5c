// A scratch copy of the working tree for testing `pnpm dev` without touching the real one: the files git
// lists (tracked and new, not ignored) plus each package's dist/, a git repository of its own (spec:diff compares
// against HEAD), and node_modules linked rather than installed. The root node_modules is one symlink; each
// package's node_modules is a real folder of links whose workspace packages point into the copy, so the copy's
// client sees the copy's types.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, statSync, symlinkSync, copyFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export function makeScratchTree(root: string): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), "finicity-dev-test-")));
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, maxBuffer: 64 * 1024 * 1024 })
    .toString()
    .split("\0")
    .filter(Boolean);
  for (const file of files) {
    const source = path.join(root, file);
    if (!existsSync(source) || !statSync(source).isFile()) continue;
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    copyFileSync(source, path.join(dir, file));
  }
  symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
  const packages = path.join(root, "packages");
  for (const name of readdirSync(packages)) {
    const from = path.join(packages, name);
    if (!existsSync(path.join(from, "package.json"))) continue;
    if (existsSync(path.join(from, "dist"))) cpSync(path.join(from, "dist"), path.join(dir, "packages", name, "dist"), { recursive: true });
    if (existsSync(path.join(from, "node_modules"))) linkModules(path.join(from, "node_modules"), path.join(dir, "packages", name, "node_modules"), packages, path.join(dir, "packages"), 0);
  }
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=dev-test", "-c", "user.email=dev-test@example.invalid", "-c", "commit.gpgsign=false", ...args], { cwd: dir, stdio: "ignore" });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "-m", "scratch copy for the pnpm dev test");
  return dir;
}

/** Recreates `from` (a package's node_modules) at `to` as links; links into the workspace point into the copy. */
function linkModules(from: string, to: string, workspace: string, copy: string, depth: number): void {
  if (depth > 2) return; // node_modules, @scope, .bin: bounded
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    const source = path.join(from, entry);
    if (entry.startsWith(".") && entry !== ".bin") continue; // caches (.vite, .vite-temp, ...) stay per tree
    if (entry.startsWith("@") || entry === ".bin") {
      if (lstatSync(source).isDirectory()) {
        linkModules(source, path.join(to, entry), workspace, copy, depth + 1);
        continue;
      }
    }
    let target: string;
    try {
      target = realpathSync(source);
    } catch {
      continue; // a dangling link
    }
    if (target.startsWith(workspace + path.sep)) target = path.join(copy, path.relative(workspace, target));
    symlinkSync(target, path.join(to, entry));
  }
}
