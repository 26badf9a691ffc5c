import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EDITS } from "./spec-edits.js";
import { createScratchRepo, runCli, type ScratchRepo } from "./scratch-repo.js";

const ALL = ["types", "client", "mock", "contract"].map((p) => `@finicity-aggregation/${p}`);

describe("check:spec-bump (the gate in pnpm test), in a scratch repository", () => {
  let repo: ScratchRepo;
  beforeEach(() => {
    repo = createScratchRepo();
  });
  afterEach(() => repo.remove());

  const gate = (...args: string[]) => runCli("spec-bump-gate-cli.mjs", args, repo.dir);

  it("passes on a clean main with no spec change", () => {
    const result = gate();
    expect(result, result.output).toMatchObject({ code: 0 });
    expect(result.output).toContain("spec unchanged");
  });

  it("fails a breaking change until a major changeset is added", () => {
    repo.editSpec(EDITS.removeParameterEnumValue.from, EDITS.removeParameterEnumValue.to);
    const without = gate();
    expect(without.code, without.output).toBe(1);
    expect(without.output).toMatch(/BREAKING GET \/aggregation\/v1\/customers: .*Enum lost values: 'testing'.* → needs major/);
    for (const pkg of ALL) expect(without.output).toContain(`${pkg}: needs major, pending changesets give none`);

    repo.addChangeset("new-feature", { "@finicity-aggregation/client": "minor" });
    const minorOnly = gate();
    expect(minorOnly.code, minorOnly.output).toBe(1);
    expect(minorOnly.output).toContain("@finicity-aggregation/types: needs major, pending changesets give minor");

    repo.addChangeset("drop-testing-type", { "@finicity-aggregation/types": "major" });
    const withMajor = gate();
    expect(withMajor.code, withMajor.output).toBe(0);
    expect(withMajor.output).toContain("needs major");
  });

  it("fails a parameter made required since the last release tag until a major changeset is added", () => {
    repo.git("tag", "@finicity-aggregation/types@0.1.0");
    repo.editSpec(EDITS.makeParameterRequired.from, EDITS.makeParameterRequired.to);
    repo.commitAll("type is required now");
    const without = gate();
    expect(without.code, without.output).toBe(1);
    expect(without.output).toContain("since @finicity-aggregation/types@0.1.0");
    expect(without.output).toContain("`type` query parameter became required");

    repo.addChangeset("type-required", Object.fromEntries(ALL.map((p) => [p, "major"])));
    const withMajor = gate();
    expect(withMajor.code, withMajor.output).toBe(0);
  });

  it("passes an optional response field with a minor changeset, and fails it with none", () => {
    repo.git("checkout", "--quiet", "-b", "feature/nickname");
    repo.editSpec(EDITS.addOptionalResponseField.from, EDITS.addOptionalResponseField.to);
    repo.commitAll("add nickname");
    const without = gate();
    expect(without.code, without.output).toBe(1);
    expect(without.output).toContain("merge base with main");
    expect(without.output).toMatch(/nickname.* → needs minor/);

    repo.addChangeset("nickname", { "@finicity-aggregation/types": "minor" });
    const withMinor = gate();
    expect(withMinor.code, withMinor.output).toBe(0);
  });
});

describe("check:spec-bump after `changeset version`", () => {
  it("counts versions already bumped since the release tag when no changesets are pending", () => {
    const repo = createScratchRepo();
    try {
      repo.git("tag", "@finicity-aggregation/types@0.1.0");
      repo.editSpec(EDITS.removeResponseField.from, EDITS.removeResponseField.to);
      repo.commitAll("remove firstName");
      const before = runCli("spec-bump-gate-cli.mjs", [], repo.dir);
      expect(before.code, before.output).toBe(1);

      for (const pkg of ["types", "client", "mock", "contract"]) {
        const file = `packages/${pkg}/package.json`;
        const manifest = JSON.parse(readFileSync(join(repo.dir, file), "utf8"));
        manifest.version = "1.0.0";
        writeFileSync(join(repo.dir, file), JSON.stringify(manifest, null, 2));
      }
      repo.commitAll("Version Packages");
      const after = runCli("spec-bump-gate-cli.mjs", [], repo.dir);
      expect(after.code, after.output).toBe(0);
    } finally {
      repo.remove();
    }
  });
});
