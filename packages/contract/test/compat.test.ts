import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { createSandboxFetch, startMock, type RunningSandbox } from "@finicity-aggregation/mock";
import { verify } from "../src/index.js";
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
    expect(result.stdout).toMatch(/Compatible: 5 accepted request shape\(s\) and 1 response\(s\) checked/);
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

    const futureVersion = join(dir, "v3.json");
    writeFileSync(futureVersion, JSON.stringify({ format: "finicity-usage-profile", version: 3, operations: {} }));
    const future = await compat(futureVersion);
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/is a usage profile of version 3; this finicity-contract reads versions 1 and 2/);

    const badShape = join(dir, "bad-shape.json");
    const profile = JSON.parse(readFileSync(await recordProfile(["limit=3"]), "utf8"));
    delete profile.operations.GetCustomers.shapes[0].status;
    writeFileSync(badShape, JSON.stringify(profile));
    const bad = await compat(badShape);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not a usage profile \(format finicity-usage-profile, version 2\): \/operations\/GetCustomers\/shapes\/0 must have required property 'status'/);

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

// Issue 13 §3: a profile keeps what the API accepted apart from what it refused, and compat checks only the accepted.
describe("finicity-contract compat on calls the sandbox refused", { timeout: 120_000 }, () => {
  const CREDENTIALS = { appKey: "refused-app-key-4b1e", partnerId: "refused-partner-90c3", partnerSecret: "refused-partner-secret-7d2a" };
  let mock: RunningSandbox;
  /** limit=25 (answered 200) and limit=1001 (answered 400): the same parameters, one accepted, one refused. */
  let acceptedAndRefused: string;

  /** The profile as a user gets it: from the control API of the running sandbox, written to a file. */
  async function writeUsage(sandbox: RunningSandbox): Promise<string> {
    const answer = await fetch(`${sandbox.controlUrl}/usage`);
    expect(answer.status).toBe(200);
    const file = join(dir, `usage-${files++}.json`);
    writeFileSync(file, await answer.text());
    return file;
  }

  beforeAll(async () => {
    mock = await startMock({ mode: "sandbox", port: 0, credentials: CREDENTIALS });
    const headers = { "App-Key": CREDENTIALS.appKey, "Finicity-App-Token": mock.sandbox.issueToken() };
    for (const [query, status] of [["limit=25", 200], ["limit=1001", 400]] as const) {
      const response = await fetch(`${mock.url}/aggregation/v1/customers?${query}`, { headers });
      expect(response.status, `${query}: ${await response.text()}`).toBe(status);
    }
    acceptedAndRefused = await writeUsage(mock);
  });
  afterAll(async () => {
    await mock?.close();
  });

  it("passes a profile with a 200 and a 400 call of the same parameters against the shipped spec", async () => {
    const profile = JSON.parse(readFileSync(acceptedAndRefused, "utf8"));
    expect(profile.version).toBe(2);
    expect(profile.operations.GetCustomers.shapes).toEqual([
      { parameters: { limit: { kind: "integer", min: 25, max: 25 } }, credentials: ["app-key", "finicity-app-token"], status: "200", calls: 1 },
      { parameters: { limit: { kind: "integer", min: 1001, max: 1001 } }, credentials: ["app-key", "finicity-app-token"], status: "400", calls: 1 },
    ]);
    const result = await compat(acceptedAndRefused);
    expect(result.code, explain(result)).toBe(0);
    expect(result.stdout).toMatch(/Compatible: 1 accepted request shape\(s\) and 2 response\(s\) checked/);
    expect(result.stdout).toMatch(/Refused calls: 1 shape\(s\) answered 400 checked; the spec still refuses each\./);
  });

  it("still fails a real breaking change, naming the field and the rule: limit's maximum lowered to 10 under a 2xx call at limit=25", async () => {
    const spec = editedSpec((document) => {
      document.components.parameters.LimitParameter.schema.maximum = 10;
    });
    const result = await compat(acceptedAndRefused, spec);
    expect(result.code, explain(result)).toBe(1);
    expect(result.stdout).toMatch(/GetCustomers GET \/aggregation\/v1\/customers limit=25 \[1x 200\]\n\s+limit: 25 was sent; it is above the spec's maximum 10/);
    expect(result.stdout).toMatch(/Not compatible: 1 problem\(s\)/);
    expect(result.stdout).not.toContain("1001 was sent");
  });

  it("warns, without failing, when the spec now accepts a call that was answered 400", async () => {
    const spec = editedSpec((document) => {
      document.components.parameters.LimitParameter.schema.maximum = 2000;
    });
    const result = await compat(acceptedAndRefused, spec);
    expect(result.code, explain(result)).toBe(0);
    expect(result.stdout).toMatch(/! GetCustomers GET \/aggregation\/v1\/customers limit=1001 \[1x 400\]\n\s+answered 400, but the spec now accepts every value these calls sent/);
    expect(result.stdout).toMatch(/Warning: 1 of 1 shape\(s\) answered 400 would now be accepted by the spec \(not breaking/);
  });

  it("passes a profile recorded during a default verify run against the sandbox, with zero problems", async () => {
    const recording = await startMock({ mode: "sandbox", port: 0, credentials: CREDENTIALS });
    let usage: string;
    try {
      const report = await verify({ baseUrl: recording.url, ...CREDENTIALS, seed: 1, rate: 1000, env: {} });
      expect(report.exitCode).toBe(0);
      usage = await writeUsage(recording);
    } finally {
      await recording.close();
    }
    const shapes = JSON.parse(readFileSync(usage, "utf8")).operations.GetCustomers.shapes as Array<{ status: string }>;
    // The run sends invalid input on purpose: without 400s this test would not show anything.
    expect(shapes.filter((shape) => shape.status === "400").length).toBeGreaterThan(0);
    const result = await compat(usage);
    expect(result.code, explain(result)).toBe(0);
    expect(result.stdout).not.toMatch(/^\s+[x!] /m);
    expect(result.stdout).toMatch(/Compatible: \d+ accepted request shape\(s\)/);
    expect(result.stdout).toMatch(/the spec still refuses each/);
  });

  it("reads a version-1 profile whose shapes were all accepted or all refused, and refuses one that mixed them, naming the version", async () => {
    const shape = (limit: number, statuses: Record<string, number>) => ({
      parameters: { limit: { kind: "integer", min: limit, max: limit } },
      credentials: ["app-key", "finicity-app-token"],
      statuses,
    });
    const version1 = (shapes: object[]) => {
      const file = join(dir, `usage-v1-${files++}.json`);
      const operation = { method: "GET", path: "/aggregation/v1/customers", calls: 2, shapes, shapesDropped: 0, undeclaredParameters: [], headers: {}, responses: {} };
      writeFileSync(file, JSON.stringify({ format: "finicity-usage-profile", version: 1, operations: { GetCustomers: operation } }));
      return file;
    };
    const apart = await compat(version1([shape(25, { "200": 1 }), shape(1001, { "400": 1 })]));
    expect(apart.code, explain(apart)).toBe(0);
    expect(apart.stdout).toMatch(/Compatible: 1 accepted request shape\(s\)/);

    const lowered = editedSpec((document) => {
      document.components.parameters.LimitParameter.schema.maximum = 10;
    });
    const breaking = await compat(version1([shape(25, { "200": 1 })]), lowered);
    expect(breaking.code, explain(breaking)).toBe(1);
    expect(breaking.stdout).toContain("limit: 25 was sent; it is above the spec's maximum 10");

    const mixed = await compat(version1([{ ...shape(25, { "200": 1, "400": 1 }), parameters: { limit: { kind: "integer", min: 25, max: 1001 } } }]));
    expect(mixed.code, explain(mixed)).toBe(2);
    expect(mixed.stdout).toBe("");
    expect(mixed.stderr).toMatch(/is a usage profile of version 1, and 1 of its request shape\(s\) \(GetCustomers\) mix calls answered 2xx with calls answered otherwise/);
    expect(mixed.stderr).toMatch(/Record the profile again with the current @finicity-aggregation\/mock \(it writes version 2/);
  });
});
