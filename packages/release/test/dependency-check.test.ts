import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDependencyUse, checkTarballDependencies, importedPackages, packageOf } from "../src/release-check/dependency-check.mjs";

describe("packageOf", () => {
  it("names the package of a bare specifier and nothing for paths, builtins and URLs", () => {
    expect(packageOf("yaml")).toBe("yaml");
    expect(packageOf("ajv/dist/2020.js")).toBe("ajv");
    expect(packageOf("@finicity-aggregation/types/openapi.yaml")).toBe("@finicity-aggregation/types");
    for (const s of ["./x.js", "../y", "/abs", "#internal", "node:fs", "fs", "fs/promises", "data:text/javascript,1"]) expect(packageOf(s)).toBeUndefined();
  });
});

describe("importedPackages", () => {
  it("finds every form of import in ESM, CJS and type declarations", () => {
    const found = importedPackages([
      { path: "dist/index.js", text: 'import { a } from "alpha";\nimport {\n  b,\n  c,\n} from "@scope/beta/sub";\nimport "gamma";\nexport * from "delta";\nconst e = await import("epsilon");' },
      { path: "dist/index.cjs", text: 'const z = require("zeta");\nconst p = require.resolve("eta/package.json");\nconst q = createRequire(import.meta.url).resolve("theta/openapi.yaml");' },
      { path: "dist/index.d.ts", text: 'import type { T } from "iota";\nexport type { U } from "kappa";' },
      { path: "dist/util.js", text: 'import { readFile } from "node:fs/promises";\nimport x from "./x.js";\npath.resolve("dist");' },
    ]);
    expect([...found.keys()].sort()).toEqual(["@scope/beta", "alpha", "delta", "epsilon", "eta", "gamma", "iota", "kappa", "theta", "zeta"]);
    expect(found.get("zeta")).toEqual(["dist/index.cjs"]);
  });
});

describe("checkDependencyUse", () => {
  const files = [{ path: "dist/index.js", text: 'import { parse } from "yaml";\nimport { x } from "@me/self/sub";' }];

  it("passes when the dependencies are exactly what the code imports", () => {
    expect(checkDependencyUse({ name: "@me/self", dependencies: { yaml: "2.9.1" } }, files)).toEqual([]);
  });

  it("reports a runtime dependency nothing imports (users would install it for nothing)", () => {
    const problems = checkDependencyUse({ name: "@me/self", dependencies: { yaml: "2.9.1", "@finicity-aggregation/client": "0.1.0" } }, files);
    expect(problems).toEqual([expect.stringMatching(/@finicity-aggregation\/client is a runtime dependency, but nothing the package ships imports it/)]);
  });

  it("reports an import that package.json does not declare, naming the file", () => {
    const problems = checkDependencyUse({ name: "@me/self", dependencies: {} }, files);
    expect(problems).toEqual([expect.stringMatching(/dist\/index\.js import yaml, which package\.json does not declare/)]);
  });

  it("counts peer and optional dependencies as declared", () => {
    expect(checkDependencyUse({ name: "@me/self", peerDependencies: { yaml: "2" } }, files)).toEqual([]);
    expect(checkDependencyUse({ name: "@me/self", optionalDependencies: { yaml: "2" } }, files)).toEqual([]);
  });
});

describe("checkTarballDependencies on a packed scratch package", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "dependency-check-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** A tarball laid out as npm packs one (everything under package/). */
  function pack(name: string, manifest: Record<string, unknown>, code: string): string {
    const dir = join(work, name);
    mkdirSync(join(dir, "package/dist"), { recursive: true });
    writeFileSync(join(dir, "package/package.json"), JSON.stringify({ name, version: "1.0.0", files: ["dist"], ...manifest }));
    writeFileSync(join(dir, "package/dist/index.js"), code);
    const tarball = join(dir, `${name}-1.0.0.tgz`);
    execFileSync("tar", ["-czf", tarball, "-C", dir, "package"], { stdio: ["ignore", "pipe", "pipe"] });
    return tarball;
  }

  it("finds an unused runtime dependency inside the tarball, and passes the fixed one", async () => {
    const unused = { name: "scratch-unused", dependencies: { yaml: "2.9.1", commander: "12.1.0" } };
    const tarball = pack("scratch-unused", unused, 'import { Command } from "commander";\n');
    expect(await checkTarballDependencies(tarball, unused)).toEqual([expect.stringMatching(/^dependencies: yaml is a runtime dependency, but nothing/)]);
    const fixed = { name: "scratch-fixed", dependencies: { commander: "12.1.0" } };
    expect(await checkTarballDependencies(pack("scratch-fixed", fixed, 'import { Command } from "commander";\n'), fixed)).toEqual([]);
  });
});
