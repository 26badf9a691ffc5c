// The built `./validate` subpath: self-contained (no Ajv at run time), reachable from ESM and CJS, and kept
// out of the main entry so a client without validation does not carry it.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const pkgDir = fileURLToPath(new URL("..", import.meta.url));
const read = (file: string) => readFileSync(`${pkgDir}${file}`, "utf8");
const pkg = JSON.parse(read("package.json"));
const invalidCustomers = { displaying: "two", moreAvailable: true, customers: [] };

describe("the built validate subpath", () => {
  it.each(["dist/validate.js", "dist/validate.cjs"])("%s loads no module at run time, Ajv least of all", (file) => {
    const code = read(file);
    expect(code).not.toMatch(/["'`]ajv(?:\/[^"'`]*)?["'`]/);
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).not.toMatch(/^\s*import\s[^(]/m);
    expect(code).not.toMatch(/\bimport\s*\(/);
  });

  it.each(["dist/index.js", "dist/index.cjs"])("%s does not carry the validators", (file) => {
    const code = read(file);
    expect(code).not.toContain("must have required property");
    expect(code).not.toContain("ucs2length");
  });

  it("keeps Ajv a devDependency", () => {
    expect(pkg.dependencies ?? {}).not.toHaveProperty("ajv");
    expect(pkg.peerDependencies ?? {}).not.toHaveProperty("ajv");
    expect(pkg.devDependencies).toHaveProperty("ajv");
  });

  it("resolves @finicity-aggregation/client/validate from CommonJS", () => {
    const require = createRequire(`${pkgDir}package.json`);
    expect(require.resolve("@finicity-aggregation/client/validate")).toBe(`${pkgDir}dist/validate.cjs`);
    const { validateResponse } = require("@finicity-aggregation/client/validate");
    expect(validateResponse("GetCustomers", 200, invalidCustomers)).toEqual([
      { path: "/displaying", rule: "type", message: "must be integer", valueType: "string" },
    ]);
  });

  it("resolves @finicity-aggregation/client/validate from an ES module in plain Node", () => {
    const script =
      'const { validateResponse } = await import("@finicity-aggregation/client/validate");' +
      `console.log(import.meta.resolve("@finicity-aggregation/client/validate"));` +
      `console.log(JSON.stringify(validateResponse("GetCustomers", 200, ${JSON.stringify(invalidCustomers)})));`;
    const [resolved, issues] = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: pkgDir, encoding: "utf8" }).trim().split("\n");
    expect(resolved).toBe(new URL("dist/validate.js", `file://${pkgDir}`).href);
    expect(JSON.parse(issues!)).toEqual([{ path: "/displaying", rule: "type", message: "must be integer", valueType: "string" }]);
  });
});

describe("the built main entry", () => {
  it.each(["dist/index.js", "dist/index.cjs"])("%s loads openapi-fetch only through the ./raw entry, on first use of client.raw", (file) => {
    const code = read(file);
    expect(code).not.toMatch(/["'`]openapi-fetch["'`]/);
    expect(code).toMatch(/\bimport\(\s*["'`]@finicity-aggregation\/client\/raw["'`]\s*\)/);
    expect(read(file.replace("index", "raw"))).toMatch(/["'`]openapi-fetch["'`]/);
  });
});
