import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { createSandboxFetch } from "@finicity-aggregation/mock";
import { USAGE_PROFILE_SCHEMA } from "../src/compat/usage-profile-schema.js";
import { runCli } from "./helpers/cli.js";

const SPEC = fileURLToPath(new URL("../../../spec/openapi.yaml", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "finicity-compat-"));
let files = 0;
const credentials = { appKey: "compat-app-key", partnerId: "compat-partner", partnerSecret: "compat-secret" };

/** Calls a real (in-process) sandbox with these query strings and writes the usage profile it recorded. */
async function recordProfile(queries: string[]): Promise<string> {
  const sandboxFetch = createSandboxFetch({ customers: 30, credentials });
  const headers = { "App-Key": credentials.appKey, "Finicity-App-Token": sandboxFetch.sandbox.issueToken() };
  for (const query of queries) {
    const response = await sandboxFetch(`http://sandbox.test/aggregation/v1/customers?${query}`, { headers });
    expect(response.status, `${query}: ${await response.text()}`).toBe(200);
  }
  const file = join(dir, `usage-${files++}.json`);
  writeFileSync(file, JSON.stringify(sandboxFetch.sandbox.usage()));
  return file;
}

/** Writes a copy of the spec with `edit` applied. */
function editedSpec(edit: (document: any) => void): string {
  const document = parse(readFileSync(SPEC, "utf8"));
  edit(document);
  const file = join(dir, `spec-${files++}.yaml`);
  writeFileSync(file, stringify(document));
  return file;
}

const compat = (usage: string, spec?: string) => runCli(["compat", "--usage", usage, ...(spec === undefined ? [] : ["--spec", spec])]);
const explain = (result: { code: number; stdout: string; stderr: string }) => `exit ${result.code}\n${result.stdout}\n${result.stderr}`;

// Upper bound only: every test runs the CLI (a node process) one or more times, slow on a loaded machine.
describe("finicity-contract compat", { timeout: 120_000 }, () => {
  it("passes a profile against the spec it was recorded with (the shipped one by default)", async () => {
    const usage = await recordProfile(["limit=1000", "type=active&start=2&limit=5", "type=testing", "search=smith", "username=&type=&search=&start=1&limit=25"]);
    const result = await compat(usage);
    expect(result.code, explain(result)).toBe(0);
    expect(result.stdout).toMatch(/Compatible: 5 request shape\(s\) and 1 response\(s\) checked/);
  });

  it("exits 1 naming limit when a profile sent limit=1000 and the spec lowers limit's maximum to 500", async () => {
    const usage = await recordProfile(["limit=1000", "limit=10"]);
    const spec = editedSpec((document) => {
      document.components.parameters.LimitParameter.schema.maximum = 500;
    });
    const result = await compat(usage, spec);
    expect(result.code, explain(result)).toBe(1);
    expect(result.stdout).toMatch(/GetCustomers GET \/aggregation\/v1\/customers limit=10\.\.1000 \[2x 200\]\n\s+limit: 1000 was sent; it is above the spec's maximum 500/);
    expect(result.stdout).toMatch(/Not compatible: 1 problem/);
  });

  it("exits 0 when the spec only adds an optional response field", async () => {
    const usage = await recordProfile(["limit=1000"]);
    const spec = editedSpec((document) => {
      document.components.schemas.Customer.properties.middleName = { type: ["string", "null"], description: "New." };
    });
    const result = await compat(usage, spec);
    expect(result.code, explain(result)).toBe(0);
  });

  it("exits 1 when the spec removes an enum value the profile used, 0 when it removes one never used", async () => {
    const removeTesting = editedSpec((document) => {
      document.components.parameters.CustomerTypeParameter.schema.enum = ["active", ""];
    });
    const used = await compat(await recordProfile(["type=testing", "type=active"]), removeTesting);
    expect(used.code, explain(used)).toBe(1);
    expect(used.stdout).toMatch(/type=testing \[1x 200\]\n\s+type: the value testing is no longer allowed/);
    expect(used.stdout).not.toMatch(/type=active \[/);

    const unused = await compat(await recordProfile(["type=active", "type="]), removeTesting);
    expect(unused.code, explain(unused)).toBe(0);
  });

  it("exits 1 when a response field the profile received is gone or changes type", async () => {
    const usage = await recordProfile(["limit=3"]);
    const spec = editedSpec((document) => {
      delete document.components.schemas.Customer.properties.email;
      document.components.schemas.Customers.properties.found = { type: "string" };
    });
    const result = await compat(usage, spec);
    expect(result.code, explain(result)).toBe(1);
    expect(result.stdout).toContain("customers[].email: the field is no longer in the body");
    expect(result.stdout).toMatch(/found: the field was integer; the spec now says string/);
  });

  it("exits 1 when a parameter becomes required or the credentials sent no longer satisfy the security", async () => {
    const usage = await recordProfile(["limit=3"]);
    const spec = editedSpec((document) => {
      document.components.parameters.CustomerSearchParameter.required = true;
      document.paths["/aggregation/v1/customers"].get.security = [{ FinicityAppKey: [], FinicityAppToken: [] }];
    });
    const result = await compat(usage, spec);
    expect(result.code, explain(result)).toBe(1);
    expect(result.stdout).toContain("search: the query parameter search is now required");
    expect(result.stdout).toContain("credentials: the credential headers sent (app-key, finicity-app-token) no longer satisfy");
  });

  it("exits 2 on bad input, naming what is wrong", async () => {
    const missing = await compat(join(dir, "nope.json"));
    expect(missing.code, explain(missing)).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the usage profile .*nope\.json: ENOENT/);

    const notJson = join(dir, "not.json");
    writeFileSync(notJson, "{");
    expect((await compat(notJson)).stderr).toMatch(/is not JSON/);

    const wrongVersion = join(dir, "v2.json");
    writeFileSync(wrongVersion, JSON.stringify({ format: "finicity-usage-profile", version: 2, operations: {} }));
    const bad = await compat(wrongVersion);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not a usage profile \(format finicity-usage-profile, version 1\): \/version must be equal to constant/);

    const usage = await recordProfile(["limit=3"]);
    const notSpec = join(dir, "not-spec.yaml");
    writeFileSync(notSpec, "hello: world\n");
    const badSpec = await compat(usage, notSpec);
    expect(badSpec.code).toBe(2);
    expect(badSpec.stderr).toMatch(/is not an OpenAPI document/);

    const noUsage = await runCli(["compat"]);
    expect(noUsage.code).toBe(2);
    expect(noUsage.stderr).toMatch(/--usage <file>/);
  });

  it("prints what comes from the profile file escaped", async () => {
    const usage = join(dir, "escape.json");
    const profile = JSON.parse(readFileSync(await recordProfile(["limit=3"]), "utf8"));
    profile.operations.GetCustomers.shapes[0].parameters["bad\u001b[31mname"] = { kind: "empty" };
    writeFileSync(usage, JSON.stringify(profile));
    const result = await compat(usage);
    expect(result.code, explain(result)).toBe(1);
    expect(result.stdout).not.toContain("\u001b");
    expect(result.stdout).toContain("bad\\u001b[31mname");
  });
});

describe("the usage profile schema", () => {
  it("is the same in the contract package as in the mock package that writes profiles", () => {
    const shipped = JSON.parse(readFileSync(fileURLToPath(new URL("../../mock/usage-profile.schema.json", import.meta.url)), "utf8"));
    expect(USAGE_PROFILE_SCHEMA).toEqual(shipped);
  });
});
