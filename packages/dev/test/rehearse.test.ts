// src/typescript.mjs's rehearse(): a re-check of a package as if some files had changed, which the dev loop runs
// while it warms up. It must re-check what depends on those files (a type error there is still reported) and
// write nothing.
import { mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
// @ts-expect-error: a plain ES module without declarations
import { createWarmProject } from "../src/typescript.mjs";

const dir = mkdtempSync(path.join(os.tmpdir(), "finicity-dev-rehearse-"));
const pkg = path.join(dir, "pkg");
const dts = path.join(dir, "dts");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function stamps(folder: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[path.join(entry.parentPath, entry.name)] = statSync(path.join(entry.parentPath, entry.name)).mtimeMs;
  }
  return out;
}

it("re-checks what depends on the rehearsed files, reports its errors, and writes nothing", () => {
  mkdirSync(path.join(pkg, "src"), { recursive: true });
  writeFileSync(path.join(pkg, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", lib: ["ES2022"], types: [], rootDir: "." }, include: ["src"] }));
  writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ type: "module" }));
  writeFileSync(path.join(pkg, "src", "shape.ts"), "export interface Shape { name: string }\n");
  writeFileSync(path.join(pkg, "src", "use.ts"), 'import type { Shape } from "./shape.js";\nexport const bad: Shape = { name: 1 };\n');

  const project = createWarmProject(pkg, dts);
  const first = project.run();
  expect(first.errors).toHaveLength(1);
  expect(first.errors[0]).toMatch(/src\/use\.ts\(2,\d+\): error TS2322/);
  expect(first.emitted).toBe(2);
  const before = stamps(dts);

  const rehearsed = project.rehearse((file: string) => file.endsWith("shape.ts"));
  expect(rehearsed.errors).toEqual(first.errors); // still reported: a rehearsal hides nothing
  expect(rehearsed.emitted).toBe(0);
  expect(stamps(dts)).toEqual(before);

  // A real change after a rehearsal is still seen.
  writeFileSync(path.join(pkg, "src", "use.ts"), 'import type { Shape } from "./shape.js";\nexport const good: Shape = { name: "a" };\n');
  expect(project.run().errors).toEqual([]);
}, 120_000);
