import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { startSandbox } from "./helpers.js";

const run = promisify(execFile);
const bin = fileURLToPath(new URL("../bin/finicity-mock.js", import.meta.url));
const credentials = { appKey: "test-app-key", partnerId: "test-partner", partnerSecret: "test-secret" };
const CURL = "/usr/bin/curl";

interface CurlAnswer {
  status: number;
  body: string;
  json: () => unknown;
}

/** Runs curl (a process that is not Node) and returns the status and body it saw. */
async function curl(args: string[]): Promise<CurlAnswer> {
  const { stdout } = await run(CURL, ["-sS", "--max-time", "20", "-w", "\n%{http_code}", ...args]);
  const cut = stdout.lastIndexOf("\n");
  const body = stdout.slice(0, cut);
  const status = Number(stdout.slice(cut + 1));
  return { status, body, json: () => JSON.parse(body) as unknown };
}

const json = ["-H", "Content-Type: application/json"];

// Upper bounds only: each test starts Prism (and the CLI tests a node process), slow on a loaded machine.
const SLOW = { timeout: 120_000 };

describe("the HTTP control API, driven by curl", SLOW, () => {
  it("resets, adds, removes, faults, lists requests, issues a token and reads usage", async () => {
    const mock = await startSandbox({ customers: 3, credentials });
    const control = mock.controlUrl!;
    expect(control).toBe(`${mock.directUrl}/__sandbox`);

    // Add two customers (all or nothing), then one that breaks a rule: nothing more is added.
    let answer = await curl(["-X", "POST", ...json, "-d", '[{"username":"curl.customer1","firstName":"Curly"},{"type":"active"}]', `${control}/customers`]);
    expect(answer.status, answer.body).toBe(201);
    const added = (answer.json() as { customers: Array<{ id: string; username: string }> }).customers;
    expect(added).toHaveLength(2);
    answer = await curl(["-X", "POST", ...json, "-d", '[{"username":"another.one"},{"username":"short"}]', `${control}/customers`]);
    expect(answer.status, answer.body).toBe(400);
    expect(answer.json()).toMatchObject({ field: "customer.username" });
    expect(mock.sandbox.customers()).toHaveLength(5);

    // Remove one; removing it again is a 404.
    expect((await curl(["-X", "DELETE", `${control}/customers/${added[1]!.id}`])).status).toBe(204);
    expect((await curl(["-X", "DELETE", `${control}/customers/${added[1]!.id}`])).status).toBe(404);
    answer = await curl([`${control}/customers`]);
    expect((answer.json() as { customers: unknown[] }).customers).toHaveLength(4);

    // A token from the control API works on the API itself (through the validating proxy).
    answer = await curl(["-X", "POST", `${control}/token`]);
    expect(answer.status).toBe(200);
    const { token } = answer.json() as { token: string };
    const api = ["-H", `App-Key: ${credentials.appKey}`, "-H", `Finicity-App-Token: ${token}`];
    answer = await curl([...api, `${mock.url}/aggregation/v1/customers?search=curly&limit=1000`]);
    expect(answer.status, answer.body).toBe(200);
    expect(answer.json()).toMatchObject({ found: 1, customers: [{ username: "curl.customer1" }] });

    // Queue two 503s (object form) and one in the header grammar; the next three calls get them, the fourth does not.
    expect((await curl(["-X", "POST", ...json, "-d", '{"count":2,"fault":{"status":503,"retryAfter":1}}', `${control}/faults`])).status).toBe(204);
    expect((await curl(["-X", "POST", ...json, "-d", '{"count":1,"fault":"status=500"}', `${control}/faults`])).status).toBe(204);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await curl([...api, `${mock.directUrl}/aggregation/v1/customers?type=active`])).status);
    expect(statuses).toEqual([503, 503, 500, 200]);
    answer = await curl(["-X", "POST", ...json, "-d", '{"count":0,"fault":{"status":503}}', `${control}/faults`]);
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({ field: "count" });
    answer = await curl(["-X", "POST", ...json, "-d", '{"count":1,"fault":{"status":200}}', `${control}/faults`]);
    expect(answer.status).toBe(400);
    expect((answer.json() as { message: string }).message).toMatch(/status must be an HTTP error status/);

    // The request log: the API calls only (control calls are not logged), secrets masked.
    answer = await curl([`${control}/requests`]);
    const { requests } = answer.json() as { requests: Array<{ status: number; fault?: string; headers: Record<string, string> }> };
    expect(requests.map((request) => request.status)).toEqual([200, 503, 503, 500, 200]);
    expect(requests[1]!.fault).toBe("status=503;retry-after=1");
    expect(requests[0]!.headers["finicity-app-token"]).toBe("[redacted]");
    expect(answer.body).not.toContain(token);

    // Usage: shapes, never values or secrets.
    answer = await curl([`${control}/usage`]);
    expect(answer.status).toBe(200);
    const usage = answer.json() as { format: string; operations: Record<string, { calls: number; shapes: Array<{ parameters: object; status: string; calls: number }> }> };
    expect(usage.format).toBe("finicity-usage-profile");
    expect(usage.operations["GetCustomers"]?.calls).toBe(5);
    expect(usage.operations["GetCustomers"]?.shapes).toContainEqual({
      parameters: { search: { kind: "text", lengths: ["1-5"] }, limit: { kind: "integer", min: 1000, max: 1000 } },
      credentials: ["app-key", "finicity-app-token"],
      status: "200",
      calls: 1,
    });
    // The same call answered 503 (a queued fault) is a shape of its own: kept apart from what the API accepted.
    expect(usage.operations["GetCustomers"]?.shapes).toContainEqual({
      parameters: { type: { kind: "enum", value: "active" } },
      credentials: ["app-key", "finicity-app-token"],
      status: "503",
      calls: 2,
    });
    expect(answer.body).not.toMatch(/curly|curl\.customer1|test-app-key/i);
    expect(answer.body).not.toContain(token);

    // Reset: the seeded customers are back and the log is empty; the token stays valid.
    expect((await curl(["-X", "POST", `${control}/reset`])).status).toBe(204);
    expect(mock.sandbox.customers()).toHaveLength(3);
    expect((await curl([`${control}/requests`])).json()).toEqual({ requests: [] });
    expect((await curl([...api, `${mock.directUrl}/aggregation/v1/customers`])).status).toBe(200);

    // Wrong methods and unknown routes say so.
    answer = await curl([`${control}/reset`]);
    expect(answer.status).toBe(405);
    expect((await curl([`${control}/nothing`])).status).toBe(404);
  });

  it("is not reachable through the Prism proxy URL", async () => {
    const mock = await startSandbox({ customers: 3, credentials });
    const answer = await curl(["-X", "POST", `${mock.url}/__sandbox/reset`]);
    expect(answer.status).toBe(404);
    expect((await curl([`${mock.url}/__sandbox/requests`])).body).not.toContain('"requests"');
  });

  it("needs the bearer token when one is set", async () => {
    const controlToken = "control-token-0123456789";
    const mock = await startSandbox({ customers: 3, credentials, controlToken });
    const control = mock.controlUrl!;
    const denied = await curl(["-X", "POST", `${control}/token`]);
    expect(denied.status).toBe(401);
    expect(denied.body).not.toContain(controlToken);
    expect((await curl(["-X", "POST", "-H", "Authorization: Bearer control-token-0123456788", `${control}/token`])).status).toBe(401);
    const allowed = await curl(["-X", "POST", "-H", `Authorization: Bearer ${controlToken}`, `${control}/token`]);
    expect(allowed.status, allowed.body).toBe(200);
  });

  it("is off on a non-loopback address without a token, on with one", async () => {
    const open = await startSandbox({ customers: 1, credentials, host: "0.0.0.0" });
    expect(open.controlUrl).toBeUndefined();
    expect((await curl(["-X", "POST", `${open.directUrl}/__sandbox/token`])).status).toBe(404);

    const guarded = await startSandbox({ customers: 1, credentials, host: "0.0.0.0", controlToken: "another-token-0123456789" });
    expect(guarded.controlUrl).toBe(`${guarded.directUrl}/__sandbox`);
    expect((await curl(["-X", "POST", `${guarded.controlUrl}/token`])).status).toBe(401);
    expect((await curl(["-X", "POST", "-H", "Authorization: Bearer another-token-0123456789", `${guarded.controlUrl}/token`])).status).toBe(200);
  });
});

/** Runs finicity-mock until it has printed its start lines; returns them and the child. */
async function startCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [bin, "--port", "0", "--mode", "sandbox", "--customers", "3", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let output = "";
  child.stderr.on("data", (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      output += chunk;
      if (/Control API/.test(output)) resolve();
    });
    child.once("exit", (code) => reject(new Error(`finicity-mock exited with ${code}:\n${output}`)));
  });
  return { child, output: () => output };
}

describe("finicity-mock and the control API", SLOW, () => {
  it("says at start that the control API is off on a non-loopback host without a token", async () => {
    const { child, output } = await startCli(["--host", "0.0.0.0"]);
    child.kill("SIGTERM");
    await once(child, "exit");
    expect(output()).toMatch(/Control API \(\/__sandbox\/\) is off: 0\.0\.0\.0 is not a loopback address; set --control-token or FINICITY_MOCK_CONTROL_TOKEN/);
  });

  it("takes the token from FINICITY_MOCK_CONTROL_TOKEN without printing it, and writes --usage-out on exit", async () => {
    const token = "env-control-token-0123456789";
    const dir = mkdtempSync(join(tmpdir(), "finicity-usage-"));
    const file = join(dir, "usage.json");
    const { child, output } = await startCli(["--host", "0.0.0.0", "--usage-out", file, "--app-key", "k-123456"], { FINICITY_MOCK_CONTROL_TOKEN: token });
    try {
      const controlUrl = /Control API on (http:\/\/\S+?)\/ /.exec(output())?.[1];
      expect(controlUrl, output()).toBeDefined();
      expect((await curl(["-X", "POST", `${controlUrl}/token`])).status).toBe(401);
      const issued = await curl(["-X", "POST", "-H", `Authorization: Bearer ${token}`, `${controlUrl}/token`]);
      const direct = controlUrl!.replace(/\/__sandbox$/, "");
      const api = ["-H", "App-Key: k-123456", "-H", `Finicity-App-Token: ${(issued.json() as { token: string }).token}`];
      expect((await curl([...api, `${direct}/aggregation/v1/customers?limit=1000`])).status).toBe(200);
      expect((await curl([...api, `${direct}/aggregation/v1/customers?limit=1001&type=gold`])).status).toBe(400);
    } finally {
      child.kill("SIGTERM");
    }
    const [code] = await once(child, "exit");
    expect(code, output()).toBe(0);
    expect(output()).not.toContain(token);
    const usage = JSON.parse(readFileSync(file, "utf8")) as { operations: { GetCustomers: { shapes: Array<{ parameters: object; status: string; calls: number }> } } };
    expect(usage.operations.GetCustomers.shapes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ parameters: { limit: { kind: "integer", min: 1000, max: 1000 } }, status: "200", calls: 1 }),
        expect.objectContaining({ parameters: { limit: { kind: "integer", min: 1001, max: 1001 }, type: { kind: "text", lengths: ["1-5"] } }, status: "400", calls: 1 }),
      ]),
    );
  });
});
