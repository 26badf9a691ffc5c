import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffSpecs, formatSpecDiff } from "../src/spec-diff.mjs";
import { EDITS } from "./spec-edits.js";
import { REPO_ROOT, createScratchRepo, runCli, type ScratchRepo } from "./scratch-repo.js";

const spec = readFileSync(join(REPO_ROOT, "spec/openapi.yaml"), "utf8");

function edited(edit: { from: string; to: string }): string {
  if (!spec.includes(edit.from)) throw new Error(`spec does not contain:\n${edit.from}`);
  return spec.replace(edit.from, edit.to);
}

describe("diffSpecs rates each kind of change", () => {
  it.each([
    ["removing a parameter enum value", EDITS.removeParameterEnumValue, /enum lost values: 'testing'/i],
    ["making a parameter required", EDITS.makeParameterRequired, /`type` query parameter became required/],
    ["removing a response field", EDITS.removeResponseField, /`firstName` of `Customer` was removed/],
    ["changing a response field's type", EDITS.changeResponseFieldType, /type of `moreAvailable`.*'boolean' to 'string'/i],
    ["dropping an accepted security requirement", EDITS.dropSecurityAlternative, /FinicityAppKey \+ FinicityAppToken.*no longer accepted/],
  ])("%s is breaking", async (_name, edit, expected) => {
    const diff = await diffSpecs(spec, edited(edit));
    expect(diff.bump, formatSpecDiff(diff)).toBe("major");
    const breaking = diff.changes.filter((c) => c.breaking);
    expect(breaking.map((c) => c.message).join("\n")).toMatch(expected);
    expect(breaking[0]?.where).toContain("GET /aggregation/v1/customers");
  });

  it("adding an optional response field is a non-breaking minor change", async () => {
    const diff = await diffSpecs(spec, edited(EDITS.addOptionalResponseField));
    expect(diff.bump, formatSpecDiff(diff)).toBe("minor");
    expect(diff.changes).toHaveLength(1);
    expect(diff.changes[0]).toMatchObject({ breaking: false, impact: "minor" });
    expect(diff.changes[0]?.where).toMatch(/properties\/nickname \[components\/schemas\/Customer\/properties\/nickname, line \d+\]$/);
  });

  it("adding a value to a request parameter's enum is non-breaking", async () => {
    const diff = await diffSpecs(spec, edited(EDITS.addParameterEnumValue));
    expect(diff.changes.some((c) => c.breaking), formatSpecDiff(diff)).toBe(false);
    expect(diff.bump).not.toBe("none");
  });

  it("identical specs have no changes", async () => {
    expect(await diffSpecs(spec, spec)).toEqual({ bump: "none", changes: [] });
  });
});

describe("pnpm spec:diff (CLI) in a scratch repository", () => {
  let repo: ScratchRepo;
  beforeAll(() => {
    repo = createScratchRepo();
  });
  afterAll(() => repo.remove());

  it("reports nothing on a clean main, then exits 1 naming a breaking work-tree edit", () => {
    const clean = runCli("spec-diff-cli.mjs", [], repo.dir);
    expect(clean, clean.output).toMatchObject({ code: 0 });
    expect(clean.output).toContain("No changes to the spec.");

    repo.editSpec(EDITS.makeParameterRequired.from, EDITS.makeParameterRequired.to);
    const broken = runCli("spec-diff-cli.mjs", [], repo.dir);
    expect(broken.code, broken.output).toBe(1);
    expect(broken.output).toMatch(/BREAKING \(major\) GET \/aggregation\/v1\/customers: parameters\/\d+ \[components\/parameters\/CustomerTypeParameter\/required, line \d+\]: `type` query parameter became required/);
  });

  it("compares with the last release tag by default, and with --base when given", () => {
    repo.git("checkout", "--quiet", "--", "spec/openapi.yaml");
    repo.git("tag", "@finicity-aggregation/types@0.1.0");
    repo.editSpec(EDITS.addOptionalResponseField.from, EDITS.addOptionalResponseField.to);
    repo.commitAll("add nickname");
    const sinceTag = runCli("spec-diff-cli.mjs", [], repo.dir);
    expect(sinceTag.code, sinceTag.output).toBe(0);
    expect(sinceTag.output).toContain("last release tag @finicity-aggregation/types@0.1.0");
    expect(sinceTag.output).toMatch(/non-breaking \(minor\) .*nickname/);

    const sinceHead = runCli("spec-diff-cli.mjs", ["--base", "HEAD"], repo.dir);
    expect(sinceHead.output).toContain("No changes to the spec.");
  });
});
