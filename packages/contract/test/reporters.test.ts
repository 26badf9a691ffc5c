import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parse as parseHtml } from "parse5";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECK_NAMES, formatTerminal, verify, writeReports, type Report } from "../src/index.js";

const HOSTILE = `<script>alert("x")</script> & ]]> \u0001`;
const APP_KEY = "reporter-app-key-3e9d";
const TOKEN = "reporter-token-77aa";

let server: Server;
let report: Report;
let dir: string;
beforeAll(async () => {
  // Answers everything with an HTML body full of characters that must be escaped.
  server = createServer((_, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(HOSTILE);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  report = await verify({ baseUrl: `http://127.0.0.1:${port}`, appKey: APP_KEY, appToken: TOKEN, seed: 3, runs: 5, rate: 2000, env: {} });
  dir = await mkdtemp(join(tmpdir(), "finicity-contract-reporters-"));
  await writeReports(report, { json: join(dir, "r.json"), junit: join(dir, "nested/junit.xml"), html: join(dir, "r.html") });
});
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("reports of a failing run", () => {
  it("fail the run on the content type, and keep secrets out", () => {
    expect(report.exitCode, formatTerminal(report)).toBe(1);
    expect(report.checks.find((c) => c.name === "content-type-declared")?.status).toBe("failed");
    const json = JSON.stringify(report);
    expect(json).not.toContain(APP_KEY);
    expect(json).not.toContain(TOKEN);
    expect(json).toContain("***");
  });

  it("JSON reads back equal to the report", async () => {
    expect(JSON.parse(await readFile(join(dir, "r.json"), "utf8"))).toEqual(report);
  });

  it("JUnit XML is well-formed and has a failure for each failed check", async () => {
    const xml = await readFile(join(dir, "nested/junit.xml"), "utf8");
    expect(XMLValidator.validate(xml)).toBe(true);
    const suite = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml).testsuites.testsuite;
    const cases = suite.testcase as Array<{ name: string; failure?: { message: string; "#text": string } }>;
    expect(cases.map((c) => c.name)).toEqual(CHECK_NAMES);
    const failedNames = report.checks.filter((c) => c.status === "failed").map((c) => c.name);
    expect(cases.filter((c) => c.failure).map((c) => c.name)).toEqual(failedNames);
    expect(suite.failures).toBe(String(failedNames.length));
    const failure = cases.find((c) => c.name === "content-type-declared")!.failure!;
    expect(failure["#text"]).toContain("curl ");
  });

  it("HTML escapes what the server sent: no script element, the text shown as text", async () => {
    const html = await readFile(join(dir, "r.html"), "utf8");
    const nodes: Array<{ nodeName: string; value?: string; childNodes?: unknown[] }> = [];
    const walk = (node: { nodeName: string; childNodes?: unknown[] }) => {
      nodes.push(node);
      for (const child of node.childNodes ?? []) walk(child as { nodeName: string; childNodes?: unknown[] });
    };
    walk(parseHtml(html) as unknown as { nodeName: string; childNodes?: unknown[] });
    expect(nodes.filter((n) => n.nodeName === "script")).toEqual([]);
    const text = nodes.filter((n) => n.nodeName === "#text").map((n) => n.value).join("");
    expect(text).toContain(`<script>alert("x")</script>`);
    expect(text).toContain("does not conform");
    expect(text).toContain("content-type-declared");
  });
});
