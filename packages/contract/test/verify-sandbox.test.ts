import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { parse as parseHtml } from "parse5";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type RunningSandbox } from "@finicity-aggregation/mock";
import { CHECK_NAMES, formatTerminal, verify, type Report } from "../src/index.js";
import { runCli } from "./helpers/cli.js";

// The sandbox requires exactly these credentials: a wrong one would be rejected.
const CREDENTIALS = { appKey: "sandbox-app-key-51c2", partnerId: "sandbox-partner-7731", partnerSecret: "sandbox-partner-secret-e04b" };
const ENV = {
  FINICITY_APP_KEY: CREDENTIALS.appKey,
  FINICITY_PARTNER_ID: CREDENTIALS.partnerId,
  FINICITY_PARTNER_SECRET: CREDENTIALS.partnerSecret,
};

let mock: RunningSandbox;
let dir: string;
beforeAll(async () => {
  mock = await startMock({ mode: "sandbox", port: 0, credentials: CREDENTIALS });
  dir = await mkdtemp(join(tmpdir(), "finicity-contract-"));
});
afterAll(async () => {
  await mock?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const tokenCalls = () => mock.sandbox.requests.filter((r) => r.method === "POST").length;

describe("verify against the sandbox (through Prism's validation proxy)", () => {
  it("passes every check, strict included, with one CreateToken call", async () => {
    mock.sandbox.reset();
    const report = await verify({ baseUrl: mock.url, ...CREDENTIALS, seed: 11, rate: 1000, strict: true, env: {} });
    const text = formatTerminal(report);
    expect(report.checks.filter((c) => c.status !== "passed").map((c) => `${c.name}: ${c.status}`), text).toEqual([]);
    expect(report.exitCode, text).toBe(0);
    expect(report.transients).toEqual([]);
    expect(tokenCalls()).toBe(1);
  });

  it("passes with a ready-made token and the US header names, straight at the sandbox", async () => {
    const report = await verify({
      baseUrl: mock.directUrl,
      region: "us",
      appKey: CREDENTIALS.appKey,
      appToken: mock.sandbox.issueToken(),
      seed: 12,
      rate: 1000,
      env: {},
    });
    expect(report.ok, formatTerminal(report)).toBe(true);
  });
});

describe("gateway transients and server faults from the sandbox", () => {
  it("reports 429 and 503 (x-transient in the spec) apart from violations", async () => {
    mock.sandbox.reset();
    mock.sandbox.failNext(1, { status: 429, retryAfter: 1 });
    mock.sandbox.failNext(1, { status: 503 });
    const report = await verify({ baseUrl: mock.url, appKey: CREDENTIALS.appKey, appToken: mock.sandbox.issueToken(), seed: 13, runs: 5, rate: 1000, env: {} });
    expect(report.transients.map((t) => t.status)).toEqual([429, 503]);
    expect(report.transients[0]!.curl).toMatch(/^curl /);
    expect(report.violations, formatTerminal(report)).toEqual([]);
    expect(report.exitCode).toBe(0);
  });

  it("fails no-server-error on a 500, which the spec does not mark as transient", async () => {
    mock.sandbox.reset();
    mock.sandbox.failNext(1, { status: 500 });
    const report = await verify({ baseUrl: mock.url, appKey: CREDENTIALS.appKey, appToken: mock.sandbox.issueToken(), seed: 14, runs: 5, rate: 1000, env: {} });
    expect(report.checks.find((c) => c.name === "no-server-error")?.status, formatTerminal(report)).toBe("failed");
    expect(report.exitCode).toBe(1);
  });
});

describe("the finicity-contract CLI against the sandbox", () => {
  let report: Report;
  let files: { json: string; junit: string; html: string };

  beforeAll(async () => {
    mock.sandbox.reset();
    files = { json: join(dir, "out/report.json"), junit: join(dir, "out/junit.xml"), html: join(dir, "out/report.html") };
    const result = await runCli(
      ["verify", "--base-url", mock.url, "--seed", "5", "--rate", "1000/s", "--json", files.json, "--junit", files.junit, "--html", files.html],
      ENV,
    );
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toContain("CONFORMS");
    for (const secret of Object.values(CREDENTIALS).filter((v) => v !== CREDENTIALS.partnerId)) {
      expect(result.stdout + result.stderr).not.toContain(secret);
    }
    report = JSON.parse(await readFile(files.json, "utf8")) as Report;
  });

  it("writes a JSON report that reads back", () => {
    expect(report).toMatchObject({ tool: "finicity-contract", ok: true, exitCode: 0, seed: 5, baseUrl: mock.url });
    expect(report.checks.map((c) => c.name)).toEqual(CHECK_NAMES);
    expect(tokenCalls()).toBe(1);
  });

  it("writes JUnit XML with one passing test case per check", async () => {
    const xml = await readFile(files.junit, "utf8");
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml);
    const suite = parsed.testsuites.testsuite;
    expect(suite.tests).toBe(String(CHECK_NAMES.length));
    expect(suite.failures).toBe("0");
    const cases = suite.testcase as Array<{ name: string; failure?: unknown }>;
    expect(cases.map((c) => c.name)).toEqual(CHECK_NAMES);
    expect(cases.filter((c) => c.failure !== undefined)).toEqual([]);
  });

  it("writes one self-contained HTML page listing every check", async () => {
    const html = await readFile(files.html, "utf8");
    const document = parseHtml(html);
    const all: Array<{ nodeName: string; attrs?: Array<{ name: string; value: string }>; value?: string }> = [];
    const walk = (node: { childNodes?: unknown[] }) => {
      all.push(node as (typeof all)[number]);
      for (const child of node.childNodes ?? []) walk(child as { childNodes?: unknown[] });
    };
    walk(document as unknown as { childNodes?: unknown[] });
    // Nothing is fetched from elsewhere: no scripts, stylesheets, images or frames by URL.
    const external = all.filter((n) => n.attrs?.some((a) => a.name === "src" || (a.name === "href" && !a.value.startsWith("#"))));
    expect(external.map((n) => n.nodeName)).toEqual([]);
    expect(all.filter((n) => n.nodeName === "script")).toEqual([]);
    expect(all.some((n) => n.nodeName === "style")).toBe(true);
    // The first table lists the checks, a header row and one row per check (the coverage tables follow it).
    const checksTable = all.find((n) => n.nodeName === "table") as unknown as { childNodes?: unknown[] };
    const inTable: typeof all = [];
    const collect = (node: { childNodes?: unknown[] }) => {
      inTable.push(node as (typeof all)[number]);
      for (const child of node.childNodes ?? []) collect(child as { childNodes?: unknown[] });
    };
    collect(checksTable);
    expect(inTable.filter((n) => n.nodeName === "tr")).toHaveLength(CHECK_NAMES.length + 1);
    const text = all.filter((n) => n.nodeName === "#text").map((n) => n.value).join(" ");
    for (const name of CHECK_NAMES) expect(text).toContain(name);
    expect(text).toContain("The server conforms");
  });
});
