// @ts-check
/**
 * Checks that a packed package depends on exactly what its shipped code uses: every runtime dependency
 * (`dependencies`, `peerDependencies`, `optionalDependencies`) is imported by some file of the tarball (users
 * would install it for nothing otherwise), and every package the shipped code imports is declared (or it would
 * fail to load for users). Type declarations count as use: a `.d.ts` importing a package needs it installed.
 */
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { run } from "../run.mjs";

/** Files whose imports are read: JavaScript and type declarations, wherever they sit in the tarball. */
const CODE_FILE = /\.(?:[cm]?js|d\.[cm]?ts)$/;
/** Import specifiers: `import … from "x"`, `export … from "x"`, `import "x"`, `import("x")`, `require("x")` and the `resolve("x")` of require, createRequire and import.meta. */
const SPECIFIERS = [
  /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*["']([^"'\n]+)["']/g,
  /\bimport\s*["']([^"'\n]+)["']/g,
  /\bimport\(\s*["']([^"'\n]+)["']\s*\)/g,
  /\brequire(?:\.resolve)?\(\s*["']([^"'\n]+)["']\s*\)/g,
  /(?:\bimport\.meta|\))\.resolve\(\s*["']([^"'\n]+)["']\s*\)/g, // import.meta.resolve("x"), createRequire(…).resolve("x")
];
const BUILTINS = new Set(builtinModules);

/**
 * The package a bare specifier names (`@scope/name/sub` -> `@scope/name`), or undefined for a relative path, an
 * absolute path, a `#` import, a URL or a Node builtin.
 * @param {string} specifier
 */
export function packageOf(specifier) {
  if (/^(?:\.|\/|#|[a-z][a-z0-9+.-]*:)/i.test(specifier)) return undefined; // relative, absolute, #imports, node:, data:, http:
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
  if (!name || BUILTINS.has(name)) return undefined;
  return name;
}

/**
 * Packages imported by the given sources.
 * @param {{ path: string, text: string }[]} files
 * @returns {Map<string, string[]>} package name -> files importing it
 */
export function importedPackages(files) {
  /** @type {Map<string, string[]>} */
  const found = new Map();
  for (const { path, text } of files) {
    for (const pattern of SPECIFIERS) {
      for (const match of text.matchAll(pattern)) {
        const name = packageOf(/** @type {string} */ (match[1]));
        if (!name) continue;
        const where = found.get(name) ?? [];
        if (!where.includes(path)) where.push(path);
        found.set(name, where);
      }
    }
  }
  return found;
}

/**
 * @param {{ name: string, dependencies?: Record<string, string>, peerDependencies?: Record<string, string>, optionalDependencies?: Record<string, string> }} manifest
 * @param {{ path: string, text: string }[]} files the tarball's code files
 * @returns {string[]} problems
 */
export function checkDependencyUse(manifest, files) {
  const declared = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
  ]);
  const imported = importedPackages(files);
  imported.delete(manifest.name); // a self-reference resolves to the package itself
  const problems = [];
  for (const name of [...declared].sort()) {
    if (!imported.has(name)) problems.push(`dependencies: ${name} is a runtime dependency, but nothing the package ships imports it (users would install it for nothing)`);
  }
  for (const [name, where] of [...imported].sort(([a], [b]) => a.localeCompare(b))) {
    if (!declared.has(name)) problems.push(`dependencies: ${where.slice(0, 3).join(", ")} import ${name}, which package.json does not declare as a dependency`);
  }
  return problems;
}

/** @param {string} dir @returns {Promise<string[]>} */
async function walk(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/**
 * Unpacks the tarball in a temporary folder and checks its dependencies against what its code imports.
 * @param {string} tarball
 * @param {Parameters<typeof checkDependencyUse>[0]} manifest
 */
export async function checkTarballDependencies(tarball, manifest) {
  const dir = await mkdtemp(join(tmpdir(), "dependency-check-"));
  try {
    const result = await run("tar", ["-xzf", tarball, "-C", dir]);
    if (result.code !== 0) return [`dependencies: cannot unpack ${tarball}: ${result.stderr.trim()}`];
    const root = join(dir, "package");
    const paths = (await walk(root)).filter((p) => CODE_FILE.test(p));
    const files = await Promise.all(paths.map(async (p) => ({ path: relative(root, p), text: await readFile(p, "utf8") })));
    return checkDependencyUse(manifest, files);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
