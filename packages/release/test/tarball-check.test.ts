import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkContents, checkEngines, checkTarball } from "../src/release-check/tarball-check.mjs";
import { REPO_ROOT } from "./scratch-repo.js";

const NODE_VERSIONS = ["20.19.0", "22.23.3", "24.21.0"];
const TYPES_DIR = join(REPO_ROOT, "packages/types");

/**
 * A scratch copy of the built types package (never the real one), with its package.json passed through `edit`,
 * packed with npm the way `pnpm pack` packs it.
 */
function packScratchTypes(work: string, name: string, edit: (manifest: Record<string, any>) => void): string {
  const dir = join(work, name);
  if (!existsSync(join(TYPES_DIR, "dist/index.d.ts"))) throw new Error("packages/types is not built: run pnpm turbo run build --filter=@finicity-aggregation/types");
  for (const entry of ["dist", "openapi.yaml", "LICENSE"]) cpSync(join(TYPES_DIR, entry), join(dir, entry), { recursive: true });
  writeFileSync(join(dir, "README.md"), "# scratch copy of @finicity-aggregation/types\n");
  const manifest = JSON.parse(readFileSync(join(TYPES_DIR, "package.json"), "utf8"));
  delete manifest.scripts;
  delete manifest.devDependencies;
  edit(manifest);
  writeFileSync(join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  execFileSync("npm", ["pack", "--pack-destination", dir, "--loglevel=error"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack made no tarball in ${dir}`);
  return join(dir, tarball);
}

describe("checkTarball on scratch copies of the types package", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "tarball-check-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("passes the package as it is", async () => {
    const report = await checkTarball({ tarball: packScratchTypes(work, "intact", () => {}), nodeVersions: NODE_VERSIONS });
    expect(report.problems).toEqual([]);
    expect(report.files).toContain("openapi.yaml");
  });

  it("fails an exports map whose import condition points at a file that is not in the tarball", async () => {
    const tarball = packScratchTypes(work, "missing-target", (m) => {
      m.exports["."].import.default = "./dist/missing.js";
    });
    const report = await checkTarball({ tarball, nodeVersions: NODE_VERSIONS });
    const text = report.problems.join("\n");
    expect(report.problems.length, text).toBeGreaterThan(0);
    expect(text).toMatch(/publint error: .*exports.*missing\.js/i);
  });

  it("fails an exports map whose require condition points at the ESM build", async () => {
    const tarball = packScratchTypes(work, "require-esm", (m) => {
      m.exports["."].require = { types: "./dist/index.d.ts", default: "./dist/index.js" };
    });
    const report = await checkTarball({ tarball, nodeVersions: NODE_VERSIONS });
    const text = report.problems.join("\n");
    expect(report.problems.length, text).toBeGreaterThan(0);
    expect(text).toMatch(/attw \(are the types wrong\) found problems:[\s\S]*require call resolved to an ESM JavaScript file/);
  });
});

describe("contents and engines rules", () => {
  it("accepts dist, bin, openapi.yaml, README, LICENSE and package.json only", () => {
    expect(checkContents(["package.json", "README.md", "LICENSE", "dist/index.js", "bin/cli.js", "openapi.yaml"])).toEqual([]);
    expect(checkContents(["package.json", "README.md", "LICENSE", "src/index.ts", "test/a.test.ts", "dist/fixtures/x.json"])).toEqual([
      "contents: src/index.ts is outside dist/, bin/, openapi.yaml, README.md, LICENSE and package.json",
      "contents: test/a.test.ts is a test, fixture or build config: users do not need it",
      "contents: dist/fixtures/x.json is a test, fixture or build config: users do not need it",
    ]);
    expect(checkContents(["package.json", "dist/index.js"])).toEqual(["contents: README.md is missing", "contents: LICENSE is missing"]);
  });

  it("requires an engines.node range that admits every Node version the consumers run", () => {
    expect(checkEngines({ name: "x", version: "1.0.0", engines: { node: ">=20.19" } }, NODE_VERSIONS)).toEqual([]);
    expect(checkEngines({ name: "x", version: "1.0.0", engines: { node: ">=22" } }, NODE_VERSIONS)).toEqual([
      'engines: "engines.node" ">=22" excludes Node 20.19.0, which the consumer projects run under',
    ]);
  });
});
