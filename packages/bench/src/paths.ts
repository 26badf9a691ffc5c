import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The bench package's folder, found from this module whether it runs from src/ (vitest) or dist/. */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find the bench package folder");
    dir = parent;
  }
  return dir;
}

/** The repository root (two levels above the package). */
export function repoRoot(): string {
  return path.resolve(packageRoot(), "..", "..");
}

/** A built child-process entry, e.g. `dist/servers/serve.js`. Run `pnpm bench` (it builds first). */
export function builtEntry(relative: string): string {
  const file = path.join(packageRoot(), "dist", relative);
  if (!existsSync(file)) throw new Error(`${file} is missing: build the bench package first (pnpm bench does)`);
  return file;
}
