// The verifier in partners' CI (issue 14), through the bin: GitHub Actions output, coverage with
// --min-coverage, and replay of a report's failing requests.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMock, type RunningSandbox } from "@finicity-aggregation/mock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../src/index.js";
import { CREDENTIALS, startReferenceServer, type ReferenceServer } from "./fixtures/reference-server.js";
import { json, startScriptedServer, type ScriptedServer } from "./fixtures/scripted-server.js";
import { runCli } from "./helpers/cli.js";

const ENV = {
  FINICITY_APP_KEY: CREDENTIALS.appKey,
  FINICITY_PARTNER_ID: CREDENTIALS.partnerId,
  FINICITY_PARTNER_SECRET: CREDENTIALS.partnerSecret,
};

let dir: string;
const stop: Array<() => Promise<void>> = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "finicity-contract-ci-"));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  while (stop.length > 0) await stop.pop()!();
});

async function reference(broken?: Parameters<typeof startReferenceServer>[0]): Promise<ReferenceServer> {
  const server = await startReferenceServer(broken);
  stop.push(() => server.close());
  return server;
}

/** A server in front of `target` that passes everything through, except what `alter` answers itself. */
async function proxy(target: string, alter: (url: URL) => { status: number; body: string; type: string } | undefined): Promise<ScriptedServer> {
  const server = await startScriptedServer(async (request, res) => {
    const altered = alter(request.url);
    if (altered) return json(res, altered.status, altered.body, altered.type);
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !["host", "content-length", "connection"].includes(name))) as Record<string, string>;
    const answer = await fetch(`${target}${request.url.pathname}${request.url.search}`, { method: request.method, headers, ...(request.method === "POST" ? { body: request.body } : {}) });
    json(res, answer.status, await answer.text(), answer.headers.get("content-type") ?? "");
  });
  stop.push(() => server.close());
  return server;
}

describe("GitHub Actions output (GITHUB_ACTIONS=true)", () => {
  it("prints masks first, one annotation per failed or warning check, escaped, and appends a Markdown summary", async () => {
    // An assumed check that only warns (search), and a 500 whose body needs escaping on type=testing.
    const broken = await reference("search-matches-term");
    const server = await proxy(broken.url, (url) => (url.searchParams.get("type") === "testing" ? { status: 500, body: "100% broken\nline: 2, end", type: "text/plain" } : undefined));
    const summary = join(dir, "summary.md");
    await writeFile(summary, "previous step's summary\n");
    const result = await runCli(["verify", "--base-url", server.url, "--seed", "3", "--rate", "2000"], { ...ENV, GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary });
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const lines = result.stdout.split("\n");
    // Masks before anything else: the app key, the partner secret, then the token CreateToken issued.
    const firstOther = lines.findIndex((line) => !line.startsWith("::add-mask::"));
    const masks = lines.slice(0, firstOther);
    expect(masks).toEqual(expect.arrayContaining([`::add-mask::${CREDENTIALS.appKey}`, `::add-mask::${CREDENTIALS.partnerSecret}`]));
    expect(masks.some((line) => /^::add-mask::reference-token-\d+-b81d$/.test(line))).toBe(true);
    expect(lines.slice(firstOther).some((line) => line.includes("add-mask"))).toBe(false);
    // Annotations: the title's ':' escaped as %3A, the message's '%' as %25, the body's newline shown as \n on one line.
    const errors = lines.filter((line) => line.startsWith("::error "));
    const warnings = lines.filter((line) => line.startsWith("::warning "));
    expect(errors.find((line) => line.startsWith("::error title=finicity-contract%3A no-server-error::"))).toMatch(/100%25 broken\\nline: 2, end/);
    expect(warnings).toEqual([expect.stringMatching(/^::warning title=finicity-contract%3A search-matches-term::/)]);
    for (const line of errors) expect(line).not.toMatch(/%(?!25|0A|0D|3A|2C)/);
    // Past the masks, no secret and no issued token is printed.
    const rest = lines.slice(firstOther).join("\n");
    for (const secret of [CREDENTIALS.appKey, CREDENTIALS.partnerSecret]) expect(rest).not.toContain(secret);
    expect(rest).not.toMatch(/reference-token-\d+-b81d/);
    // The summary is appended, with the verdict, the table, the first violations' curl lines and coverage.
    const markdown = await readFile(summary, "utf8");
    expect(markdown.startsWith("previous step's summary\n## finicity-contract: ❌ The server does not conform")).toBe(true);
    expect(markdown).toMatch(/\| `no-server-error` \| spec \| ❌ failed \| \d+ \| \d+ \|/);
    expect(markdown).toMatch(/\| `search-matches-term` \| assumed \| ⚠️ warning \|/);
    expect(markdown).toMatch(/```sh\ncurl -sS -i .*'App-Key: \*\*\*'/);
    expect(markdown).toMatch(/### Coverage: \d+(\.\d)?%/);
    for (const secret of [CREDENTIALS.appKey, CREDENTIALS.partnerSecret]) expect(markdown).not.toContain(secret);
    expect(markdown).not.toMatch(/reference-token-\d+-b81d/);
  }, 60_000);

  it("prints no workflow commands outside GitHub Actions", async () => {
    const server = await reference();
    const result = await runCli(["verify", "--base-url", server.url, "--seed", "3", "--runs", "3", "--rate", "2000"], { ...ENV, GITHUB_ACTIONS: "" });
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).not.toContain("::");
  }, 60_000);
});

describe("coverage", () => {
  let mock: RunningSandbox;
  const SANDBOX = { appKey: "ci-sandbox-app-key", partnerId: "ci-sandbox-partner", partnerSecret: "ci-sandbox-secret" };
  beforeAll(async () => {
    mock = await startMock({ mode: "sandbox", port: 0, credentials: SANDBOX });
  });
  afterAll(async () => {
    await mock?.close();
  });

  it("against the sandbox: parameter classes and responses, a percentage, and --min-coverage met", async () => {
    const file = join(dir, "sandbox.json");
    const env = { FINICITY_APP_KEY: SANDBOX.appKey, FINICITY_PARTNER_ID: SANDBOX.partnerId, FINICITY_PARTNER_SECRET: SANDBOX.partnerSecret };
    const result = await runCli(["verify", "--base-url", mock.url, "--seed", "1", "--rate", "1000", "--min-coverage", "90", "--json", file], env);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const { coverage } = JSON.parse(await readFile(file, "utf8")) as Report;
    const covered = (parameter: string, c: string) => coverage.parameters.find((p) => p.parameter === parameter && p.class === c)?.covered;
    expect(covered("start", "invalid: below-minimum")).toBe(true);
    // The spec's other documented 400s of the int32 parameters: empty, and above 2147483647 (format: int32).
    for (const parameter of ["start", "limit"]) {
      expect(covered(parameter, "invalid: empty"), parameter).toBe(true);
      expect(covered(parameter, "invalid: outside-int32"), parameter).toBe(true);
    }
    expect(covered("limit", "maximum")).toBe(true);
    expect(covered("type", "value testing")).toBe(true);
    expect(covered("username", "absent")).toBe(true);
    const response = (operation: string, status: string) => coverage.responses.find((r) => r.operation === operation && r.status === status);
    expect(response("GetCustomers", "400")?.covered).toBe(true);
    expect(response("GetCustomers", "401")?.covered).toBe(true);
    expect(response("CreateToken", "200")).toMatchObject({ covered: true, counted: true });
    expect(response("GetCustomers", "503")).toMatchObject({ counted: false });
    expect(coverage.percent).toBeGreaterThanOrEqual(90);
    expect(coverage.percent).toBe(Math.floor((coverage.covered / coverage.total) * 1000) / 10);
    expect(result.stdout).toMatch(new RegExp(`^Coverage: ${coverage.percent}% \\(${coverage.covered} of ${coverage.total}`, "m"));
  }, 60_000);

  it("against a server that never sends a 400: says so, and --min-coverage fails the run", async () => {
    const conforming = await reference();
    // Every 400 becomes a 200 page: the verifier's invalid requests are "accepted".
    const server = await startScriptedServer(async (request, res) => {
      const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !["host", "content-length", "connection"].includes(name))) as Record<string, string>;
      const answer = await fetch(`${conforming.url}${request.url.pathname}${request.url.search}`, { method: request.method, headers, ...(request.method === "POST" ? { body: request.body } : {}) });
      if (answer.status === 400) return json(res, 200, { found: 0, displaying: 0, moreAvailable: false, customers: [] });
      json(res, answer.status, await answer.text(), answer.headers.get("content-type") ?? "");
    });
    stop.push(() => server.close());
    const file = join(dir, "no400.json");
    const junit = join(dir, "no400.xml");
    const html = join(dir, "no400.html");
    const result = await runCli(["verify", "--base-url", server.url, "--seed", "1", "--rate", "2000", "--min-coverage", "95", "--json", file, "--junit", junit, "--html", html], ENV);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const report = JSON.parse(await readFile(file, "utf8")) as Report;
    expect(report.coverage.responses.find((r) => r.operation === "GetCustomers" && r.status === "400")?.covered).toBe(false);
    expect(report.coverageBelowMinimum).toBe(true);
    expect(report.notes.join("\n")).toMatch(/coverage [\d.]+% is below the minimum of 95%; not covered: .*GetCustomers 400 application\/json/);
    expect(result.stdout).toMatch(/not covered: .*GetCustomers 400 application\/json/);
    expect(await readFile(junit, "utf8")).toMatch(/<property name="coverage.notCovered" value="[^"]*GetCustomers 400 application\/json/);
    expect(await readFile(html, "utf8")).toMatch(/<h2>Coverage: [\d.]+% \(minimum 95%\)<\/h2>/);
  }, 60_000);

  it("fails on coverage alone when every check passes", async () => {
    const server = await reference();
    const result = await runCli(["verify", "--base-url", server.url, "--seed", "1", "--rate", "2000", "--min-coverage", "100"], ENV);
    expect(result.code, result.stdout).toBe(1);
    expect(result.stdout).toMatch(/^COVERAGE BELOW MINIMUM: 0 checks failed/m);
    const bad = await runCli(["verify", "--base-url", server.url, "--min-coverage", "101"], ENV);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/min-coverage must be a percentage from 0 to 100/);
  }, 60_000);
});

describe("finicity-contract replay REPORT.json", () => {
  it("re-sends the failing requests: exit 1 against the broken server, 0 against a fixed one", async () => {
    const broken = await reference("unknown-token-rejected");
    const file = join(dir, "broken.json");
    const run = await runCli(["verify", "--base-url", broken.url, "--seed", "8", "--rate", "2000", "--json", file], ENV);
    expect(run.code).toBe(1);
    const text = await readFile(file, "utf8");
    for (const secret of [CREDENTIALS.appKey, CREDENTIALS.partnerSecret]) expect(text).not.toContain(secret);
    const failing = (JSON.parse(text) as Report).violations.filter((v) => v.severity === "error");
    expect(failing[0]?.request).toMatchObject({ method: "GET", path: "/aggregation/v1/customers", credentials: "unknown-token" });

    const before = broken.requests.length;
    const again = await runCli(["replay", file], ENV);
    expect(again.code, again.stdout + again.stderr).toBe(1);
    expect(again.stdout).toMatch(/^still fails\s+unknown-token-rejected: auth probe: unknown token/m);
    // One CreateToken, then exactly the failing requests (one here), nothing else.
    expect(broken.requests.slice(before).map((r) => r.method)).toEqual(["POST", "GET"]);

    const fixed = await reference();
    const now = await runCli(["replay", file, "--base-url", fixed.url], ENV);
    expect(now.code, now.stdout + now.stderr).toBe(0);
    expect(now.stdout).toMatch(/^passes now\s+unknown-token-rejected/m);
    expect(now.stdout).toMatch(/1 pass now, 0 still fail, 0 could not be sent/);
  }, 90_000);

  it("exits 2 on bad input: no file, not a report, no credentials", async () => {
    const missing = await runCli(["replay", join(dir, "nope.json")], ENV);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the report/);
    const notReport = join(dir, "not-a-report.json");
    await writeFile(notReport, JSON.stringify({ hello: "world" }));
    const wrong = await runCli(["replay", notReport], ENV);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/must be the JSON report of finicity-contract verify/);
    const report = join(dir, "minimal.json");
    await writeFile(report, JSON.stringify({ tool: "finicity-contract", baseUrl: "http://127.0.0.1:9", violations: [] }));
    const noCredentials = await runCli(["replay", report], {});
    expect(noCredentials.code).toBe(2);
    expect(noCredentials.stderr).toMatch(/appKey is required/);
  }, 60_000);
});
