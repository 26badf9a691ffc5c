/** A throw-away git repository holding a copy of this repo's spec, changeset config and package manifests. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const RELEASE_SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../src");

const COPIED = [
  "spec/openapi.yaml",
  "package.json",
  "pnpm-workspace.yaml",
  ".changeset/config.json",
  "packages/types/package.json",
  "packages/client/package.json",
  "packages/mock/package.json",
  "packages/contract/package.json",
];

export interface ScratchRepo {
  dir: string;
  git(...args: string[]): string;
  readSpec(): string;
  writeSpec(text: string): void;
  /** Replaces `from` by `to` in the spec once; throws when `from` is absent so a test cannot pass vacuously. */
  editSpec(from: string, to: string): void;
  addChangeset(name: string, bumps: Record<string, string>): void;
  commitAll(message: string): void;
  remove(): void;
}

export function createScratchRepo(): ScratchRepo {
  const dir = mkdtempSync(join(tmpdir(), "release-tools-scratch-"));
  for (const file of COPIED) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(REPO_ROOT, file), join(dir, file));
  }
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=Scratch", "-c", "user.email=scratch@example.invalid", "-c", "commit.gpgsign=false", ...args], {
      cwd: dir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  git("init", "--quiet", "--initial-branch=main");
  git("add", "-A");
  git("commit", "--quiet", "-m", "initial");
  const specFile = join(dir, "spec/openapi.yaml");
  return {
    dir,
    git,
    readSpec: () => readFileSync(specFile, "utf8"),
    writeSpec: (text) => writeFileSync(specFile, text),
    editSpec(from, to) {
      const text = readFileSync(specFile, "utf8");
      if (!text.includes(from)) throw new Error(`scratch spec does not contain:\n${from}`);
      writeFileSync(specFile, text.replace(from, to));
    },
    addChangeset(name, bumps) {
      const header = Object.entries(bumps).map(([pkg, bump]) => `"${pkg}": ${bump}`);
      writeFileSync(join(dir, ".changeset", `${name}.md`), ["---", ...header, "---", "", `Scratch change ${name}.`, ""].join("\n"));
    },
    commitAll(message) {
      git("add", "-A");
      git("commit", "--quiet", "-m", message);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs one of this package's CLIs the way `pnpm <script>` does, from inside `cwd`. */
export function runCli(script: string, args: string[], cwd: string): { code: number; output: string } {
  try {
    const stdout = execFileSync(process.execPath, [join(RELEASE_SRC, script), ...args], {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, output: `${e.stdout}\n${e.stderr}` };
  }
}
