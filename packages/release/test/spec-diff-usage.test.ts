import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EDITS } from "./spec-edits.js";
import { createScratchRepo, runCli, type ScratchRepo } from "./scratch-repo.js";

/** A usage profile as the sandbox writes it: one call with limit=1000, one with type=active (both 200). */
const PROFILE = {
  format: "finicity-usage-profile",
  version: 1,
  operations: {
    GetCustomers: {
      method: "GET",
      path: "/aggregation/v1/customers",
      calls: 2,
      shapes: [
        { parameters: { limit: { kind: "integer", min: 1000, max: 1000 } }, credentials: ["app-key", "finicity-app-token"], statuses: { "200": 1 } },
        { parameters: { type: { kind: "enum", value: "active" } }, credentials: ["app-key", "finicity-app-token"], statuses: { "200": 1 } },
      ],
      shapesDropped: 0,
      undeclaredParameters: [],
      headers: { accept: 2 },
      responses: { "200": { contentType: "application/json", fields: { found: ["integer"], customers: ["array"], "customers[].id": ["string"] } } },
    },
  },
};

describe("pnpm spec:diff --usage FILE", () => {
  let repo: ScratchRepo;
  let usage: string;
  beforeAll(() => {
    repo = createScratchRepo();
    usage = join(repo.dir, "usage.json");
    writeFileSync(usage, JSON.stringify(PROFILE));
  });
  afterAll(() => repo.remove());

  it("exits 1 naming limit when the work tree lowers limit's maximum below a value the profile sent", () => {
    repo.editSpec("        minimum: 1\n        maximum: 1000\n        default: 25", "        minimum: 1\n        maximum: 500\n        default: 25");
    const result = runCli("spec-diff-cli.mjs", ["--usage", usage], repo.dir);
    expect(result.code, result.output).toBe(1);
    expect(result.output).toMatch(/limit: 1000 was sent; it is above the spec's maximum 500/);
    expect(result.output).toMatch(/Not compatible: 1 problem/);
    repo.git("checkout", "--", "spec/openapi.yaml");
  });

  it("exits 0 for an added optional response field, and for a removed enum value the profile never used", () => {
    repo.editSpec(EDITS.addOptionalResponseField.from, EDITS.addOptionalResponseField.to);
    repo.editSpec(EDITS.removeParameterEnumValue.from, EDITS.removeParameterEnumValue.to);
    const result = runCli("spec-diff-cli.mjs", ["--usage", usage], repo.dir);
    expect(result.output).toMatch(/enum lost values: 'testing'/i);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/Compatible: 2 request shape\(s\) and 1 response\(s\) checked/);
    repo.git("checkout", "--", "spec/openapi.yaml");
  });

  it("exits 2 when the file is not a usage profile", () => {
    const bad = join(repo.dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ format: "something-else" }));
    const result = runCli("spec-diff-cli.mjs", ["--usage", bad], repo.dir);
    expect(result.code, result.output).toBe(2);
    expect(result.output).toMatch(/is not a usage profile/);
  });
});
