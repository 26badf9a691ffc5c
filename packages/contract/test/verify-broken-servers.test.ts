import { afterEach, describe, expect, it } from "vitest";
import { CHECK_NAMES, CHECKS, formatTerminal, verify, type CheckName, type Report } from "../src/index.js";
import { CREDENTIALS, startReferenceServer, type ReferenceServer } from "./fixtures/reference-server.js";

const SECRETS = [CREDENTIALS.appKey, CREDENTIALS.partnerSecret];

let server: ReferenceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(broken?: CheckName, strict = false): Promise<Report> {
  server = await startReferenceServer(broken);
  return verify({
    baseUrl: server.url,
    appKey: CREDENTIALS.appKey,
    partnerId: CREDENTIALS.partnerId,
    partnerSecret: CREDENTIALS.partnerSecret,
    seed: 42,
    rate: 2000,
    strict,
    env: {},
  });
}

const statusOf = (report: Report, name: CheckName) => report.checks.find((c) => c.name === name)?.status;

describe("verify against a conforming server", () => {
  it("passes every check and exits 0", async () => {
    const report = await run(undefined, true);
    const text = formatTerminal(report);
    expect(report.checks.filter((c) => c.status !== "passed").map((c) => `${c.name}: ${c.status}`), text).toEqual([]);
    expect(report.ok, text).toBe(true);
    expect(report.exitCode).toBe(0);
    expect(report.violations).toEqual([]);
  });

  it("calls CreateToken once, with the partner secret it was given", async () => {
    await run();
    const tokenCalls = server!.requests.filter((r) => r.method === "POST");
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0]!.partnerSecret).toBe(CREDENTIALS.partnerSecret);
  });

  it("stays within the request budget", async () => {
    server = await startReferenceServer();
    const report = await verify({ baseUrl: server.url, ...CREDENTIALS, maxRequests: 30, rate: 2000, seed: 7, env: {} });
    expect(server.requests.length).toBeLessThanOrEqual(30);
    expect(report.requests).toBe(server.requests.length);
    expect(report.notes.join("\n")).toMatch(/budget/);
  });

  it("repeats the same requests for the same seed", async () => {
    server = await startReferenceServer();
    const options = { baseUrl: server.url, ...CREDENTIALS, seed: 99, runs: 10, rate: 2000, env: {} };
    await verify(options);
    const first = server.requests.map((r) => r.url);
    server.requests.length = 0;
    await verify(options);
    expect(server.requests.map((r) => r.url)).toEqual(first);
  });
});

describe("verify against a server broken on purpose", () => {
  it.each(CHECK_NAMES.map((name) => [name]))("fails %s and names it", async (name) => {
    const report = await run(name, true);
    const text = formatTerminal(report);
    expect(statusOf(report, name), text).toBe("failed");
    expect(report.ok).toBe(false);
    expect(report.exitCode).toBe(1);
    const violation = report.violations.find((v) => v.check === name);
    expect(violation, text).toBeDefined();
    expect(violation!.basis).toBe(CHECKS[name].basis);
    expect(violation!.expected.length).toBeGreaterThan(0);
    expect(violation!.got.length).toBeGreaterThan(0);
    expect(violation!.curl).toMatch(/^curl /);
    expect(violation!.curl).toContain(server!.url);
    for (const secret of SECRETS) expect(JSON.stringify(report)).not.toContain(secret);
  });

  it("only warns about an assumed check without --strict", async () => {
    const report = await run("search-matches-term");
    expect(statusOf(report, "search-matches-term")).toBe("warned");
    expect(report.violations.filter((v) => v.check === "search-matches-term").every((v) => v.severity === "warning")).toBe(true);
    expect(report.ok, formatTerminal(report)).toBe(true);
    expect(report.exitCode).toBe(0);
  });

  it("shrinks a generated failure to a minimal request", async () => {
    const report = await run("body-matches-schema");
    const minimal = report.violations.find((v) => v.check === "body-matches-schema" && v.minimal);
    expect(minimal, formatTerminal(report)).toBeDefined();
    // Every parameter is optional, so the minimal request carries at most the one parameter that matters.
    expect(new URL(minimal!.url).searchParams.size).toBeLessThanOrEqual(1);
  });
});
