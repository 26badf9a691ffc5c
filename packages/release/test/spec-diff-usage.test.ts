import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EDITS } from "./spec-edits.js";
import { createScratchRepo, runCli, type ScratchRepo } from "./scratch-repo.js";

/**
 * A usage profile (version 2) as the sandbox writes it: one call with limit=1000 and one with type=active (both
 * answered 200), and one with limit=1001 (answered 400: a shape of its own, which the partner does not rely on).
 */
const PROFILE = {
  format: "finicity-usage-profile",
  version: 2,
  operations: {
    GetCustomers: {
      method: "GET",
      path: "/aggregation/v1/customers",
      calls: 3,
      shapes: [
        { parameters: { limit: { kind: "integer", min: 1000, max: 1000 } }, credentials: ["app-key", "finicity-app-token"], status: "200", calls: 1 },
        { parameters: { type: { kind: "enum", value: "active" } }, credentials: ["app-key", "finicity-app-token"], status: "200", calls: 1 },
        { parameters: { limit: { kind: "integer", min: 1001, max: 1001 } }, credentials: ["app-key", "finicity-app-token"], status: "400", calls: 1 },
      ],
      shapesDropped: 0,
      undeclaredParameters: [],
      headers: { accept: 3 },
      responses: {
        "200": { contentType: "application/json", fields: { found: ["integer"], customers: ["array"], "customers[].id": ["string"] } },
        "400": { contentType: "application/json", fields: { code: ["string"], message: ["string"] } },
      },
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
    expect(result.output).toMatch(/limit=1000 \[1x 200\]\n\s+limit: 1000 was sent; it is above the spec's maximum 500/);
    expect(result.output).toMatch(/Not compatible: 1 problem/);
    repo.git("checkout", "--", "spec/openapi.yaml");
  });

  it("exits 0 for an added optional response field, and for a removed enum value the profile never used", () => {
    repo.editSpec(EDITS.addOptionalResponseField.from, EDITS.addOptionalResponseField.to);
    repo.editSpec(EDITS.removeParameterEnumValue.from, EDITS.removeParameterEnumValue.to);
    const result = runCli("spec-diff-cli.mjs", ["--usage", usage], repo.dir);
    expect(result.output).toMatch(/enum lost values: 'testing'/i);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/Compatible: 2 accepted request shape\(s\) and 2 response\(s\) checked/);
    repo.git("checkout", "--", "spec/openapi.yaml");
  });

  it("exits 0 for an unchanged spec, although the profile has a call refused with 400 (limit=1001) beside one accepted (limit=1000)", () => {
    const result = runCli("spec-diff-cli.mjs", ["--usage", usage], repo.dir);
    expect(result.code, result.output).toBe(0);
    expect(result.output).not.toMatch(/1001 was sent/);
    expect(result.output).toMatch(/Refused calls: 1 shape\(s\) answered 400 checked; the spec still refuses each/);
  });

  it("warns without failing when the work tree would accept a call that was refused with 400", () => {
    repo.editSpec("        minimum: 1\n        maximum: 1000\n        default: 25", "        minimum: 1\n        maximum: 2000\n        default: 25");
    const result = runCli("spec-diff-cli.mjs", ["--usage", usage], repo.dir);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/! GetCustomers GET \/aggregation\/v1\/customers limit=1001 \[1x 400\]\n\s+answered 400, but the spec now accepts every value/);
    repo.git("checkout", "--", "spec/openapi.yaml");
  });

  it("exits 2 naming version 1 for an old profile that merged accepted and refused calls", () => {
    const old = join(repo.dir, "usage-v1.json");
    const operation = { ...PROFILE.operations.GetCustomers, shapes: [{ parameters: { limit: { kind: "integer", min: 25, max: 1001 } }, credentials: [], statuses: { "200": 1, "400": 1 } }] };
    writeFileSync(old, JSON.stringify({ format: "finicity-usage-profile", version: 1, operations: { GetCustomers: operation } }));
    const result = runCli("spec-diff-cli.mjs", ["--usage", old], repo.dir);
    expect(result.code, result.output).toBe(2);
    expect(result.output).toMatch(/is a usage profile of version 1, and 1 of its request shape\(s\) \(GetCustomers\) mix calls answered 2xx/);
  });

  it("exits 2 when the file is not a usage profile", () => {
    const bad = join(repo.dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ format: "something-else" }));
    const result = runCli("spec-diff-cli.mjs", ["--usage", bad], repo.dir);
    expect(result.code, result.output).toBe(2);
    expect(result.output).toMatch(/is not a usage profile/);
  });
});
