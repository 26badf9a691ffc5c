// The verifier against servers that try to make it leak, lie on the terminal, or run without end (issue 11,
// items 10-13), and what already held (redirects never followed). Everything goes through the real bin.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, afterAll, describe, expect, it } from "vitest";
import type { Report } from "../src/index.js";
import { runCli } from "./helpers/cli.js";
import { isTokenCall, json, onePage, startScriptedServer, type ScriptedServer } from "./fixtures/scripted-server.js";

const APP_KEY = "hostile-app-key-61fe";
const PARTNER_ID = "hostile-partner";
const PARTNER_SECRET = "hostile-partner-secret-5d2a";
const TOKEN = "hostile-issued-token-0c9b";
const ENV = { FINICITY_APP_KEY: APP_KEY, FINICITY_PARTNER_ID: PARTNER_ID, FINICITY_PARTNER_SECRET: PARTNER_SECRET };
const SECRETS = [APP_KEY, PARTNER_SECRET, TOKEN];

let servers: ScriptedServer[] = [];
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "finicity-contract-hostile-"));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function serve(script: Parameters<typeof startScriptedServer>[0]): Promise<ScriptedServer> {
  const server = await startScriptedServer(script);
  servers.push(server);
  return server;
}

const files = (name: string) => ({ json: join(dir, `${name}.json`), junit: join(dir, `${name}.xml`), html: join(dir, `${name}.html`) });
const reportFlags = (f: ReturnType<typeof files>) => ["--json", f.json, "--junit", f.junit, "--html", f.html];

describe("secrets stay out of every report field (item 10)", () => {
  it("masks the app key and token echoed in a Content-Type, and the partner secret in a transient's purpose", async () => {
    // Every answer echoes the app key and the issued token in its Content-Type; the one customer's username is
    // the partner secret, so the username-lookup scenario names it in its purpose, and that lookup gets a 429.
    const echo = `application/json; app-key=${APP_KEY}; token=${TOKEN}`;
    const server = await serve((request, res) => {
      if (isTokenCall(request)) return json(res, 200, { token: TOKEN }, echo);
      if (request.url.searchParams.get("username") === PARTNER_SECRET) return json(res, 429, { code: "429", message: "slow down" }, echo);
      // displaying 2 with one customer: page-counts-consistent fails, so violations (with the response) are kept.
      return json(res, 200, { ...onePage(PARTNER_SECRET), displaying: 2 }, echo);
    });
    const f = files("secrets");
    const result = await runCli(["verify", "--base-url", server.url, "--seed", "5", "--runs", "3", "--rate", "2000", ...reportFlags(f)], ENV);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const report = JSON.parse(await readFile(f.json, "utf8")) as Report;
    // The fields that leaked before: a violation's response.contentType, a transient's purpose.
    expect(report.violations.some((v) => v.response?.contentType === "application/json; app-key=***; token=***")).toBe(true);
    expect(report.transients.map((t) => t.purpose)).toContain("username lookup of an existing customer (***)");
    const outputs = { stdout: result.stdout, stderr: result.stderr, json: await readFile(f.json, "utf8"), junit: await readFile(f.junit, "utf8"), html: await readFile(f.html, "utf8") };
    for (const [where, text] of Object.entries(outputs)) {
      for (const secret of SECRETS) expect(text.includes(secret), `${secret} in ${where}`).toBe(false);
    }
  });

  it("masks a secret the server puts in CreateToken's error code", async () => {
    const server = await serve((_request, res) => json(res, 401, { code: `bad ${PARTNER_SECRET} and ${APP_KEY}`, message: "Invalid credentials" }));
    const result = await runCli(["verify", "--base-url", server.url], ENV);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/CreateToken answered 401 \(code bad \*\*\* and \*\*\*\)/);
    for (const secret of SECRETS) expect(result.stderr + result.stdout).not.toContain(secret);
  });
});

describe("nothing a server sends reaches the terminal raw (item 12)", () => {
  // Clear the screen, a fake green verdict on a line of its own, a window title, a C1 CSI, a bidi override.
  const HOSTILE = "\u001b[2J\u001b[H\n\u001b[32mCONFORMS: 0 checks failed\u001b[0m\r\n\u001b]0;pwned\u0007 \u009b31m \u202egnp.exe";
  const RAW = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

  it("escapes control characters of response bodies in every printed line", async () => {
    const server = await serve((request, res) => {
      if (isTokenCall(request)) return json(res, 200, { token: TOKEN });
      return json(res, 500, HOSTILE, "text/plain");
    });
    const f = files("terminal");
    const result = await runCli(["verify", "--base-url", server.url, "--seed", "2", "--runs", "2", "--rate", "2000", ...reportFlags(f)], ENV);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain("\\x1b[2J");
    expect(RAW.exec(result.stdout), JSON.stringify(result.stdout.slice(0, 2000))).toBeNull();
    expect(result.stdout.split("\n").filter((line) => line.startsWith("CONFORMS"))).toEqual([]);
    expect(result.stdout.trimEnd().split("\n").at(-2)).toMatch(/^DOES NOT CONFORM: /);
    // The JSON report keeps the body, but in escapes a terminal shows as text (`cat report.json` is safe).
    const jsonText = await readFile(f.json, "utf8");
    expect(RAW.exec(jsonText.replace(/\n/g, ""))).toBeNull();
    expect((JSON.parse(jsonText) as Report).violations.some((v) => v.response?.body.includes(HOSTILE))).toBe(true);
  });

  it("escapes control characters in CreateToken's error code on stderr", async () => {
    const server = await serve((_request, res) => json(res, 401, { code: HOSTILE, message: "no" }));
    const result = await runCli(["verify", "--base-url", server.url], ENV);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("CreateToken answered 401");
    expect(RAW.exec(result.stderr.replace(/\n$/, ""))).toBeNull();
  });
});

describe("no run without bound (item 13)", () => {
  it("stops after three requests in a row get no answer, reports them, and exits 2", async () => {
    // Answers CreateToken and the first four Get Customers calls, then never answers again.
    let answered = 0;
    const server = await serve((request, res) => {
      if (isTokenCall(request)) return json(res, 200, { token: TOKEN });
      if (answered < 4) {
        answered += 1;
        return json(res, 200, onePage());
      }
      // no answer: the connection stays open until the test closes the server
    });
    const f = files("unanswered");
    const started = Date.now();
    const result = await runCli(["verify", "--base-url", server.url, "--timeout", "2000", "--rate", "2000", ...reportFlags(f)], ENV);
    const elapsed = Date.now() - started;
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stdout).toContain("the server stopped answering: 3 requests in a row got no answer");
    expect(result.stdout).toMatch(/^INCOMPLETE \(stopped early\): /m);
    // CreateToken, four answered, three unanswered: nothing more was sent.
    expect(server.requests.length).toBe(8);
    const report = JSON.parse(await readFile(f.json, "utf8")) as Report;
    expect(report.stopped?.reason).toBe("unanswered");
    expect(report.ok).toBe(false);
    expect(report.exitCode).toBe(2);
    const unanswered = report.checks.find((c) => c.name === "no-server-error")!;
    expect(unanswered.failed).toBe(3);
    expect(unanswered.violations[0]?.got).toMatch(/^no response: /);
    expect(await readFile(f.html, "utf8")).toContain("The run stopped early");
    // Upper bound only: far under what 190 more requests at 2 s each would take.
    expect(elapsed).toBeLessThan(60_000);
  }, 90_000);

  it("stops at --max-duration and says so, even when every request is answered (slowly)", async () => {
    const server = await serve((request, res) => {
      if (isTokenCall(request)) return json(res, 200, { token: TOKEN });
      setTimeout(() => json(res, 200, onePage()), 100);
    });
    const f = files("duration");
    const result = await runCli(["verify", "--base-url", server.url, "--max-duration", "2s", "--rate", "2000", "--json", f.json], ENV);
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stdout).toContain("the run stopped at its time limit of 2 s");
    const report = JSON.parse(await readFile(f.json, "utf8")) as Report;
    expect(report.stopped?.reason).toBe("max-duration");
    // 2 s at about 100 ms a request: far fewer than the 200 a full run sends.
    expect(report.requests).toBeLessThan(60);
    expect(report.durationMs).toBeLessThan(2_000 + 5_000);
  }, 90_000);

  it("refuses a --max-duration that is not a time", async () => {
    const result = await runCli(["verify", "--base-url", "http://127.0.0.1:9", "--max-duration", "soon"], ENV);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/max-duration must be a time/);
  });

  it("stops reading a body past 16 MiB, with or without Content-Length", async () => {
    const SIZE = 48 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const written: Array<{ bytes: number; finished: boolean }> = [];
    const server = await serve((request, res, index) => {
      if (isTokenCall(request)) return json(res, 200, { token: TOKEN });
      // First Get Customers call: chunked, no length; second: a declared Content-Length.
      res.writeHead(200, { "content-type": "application/json", ...(index === 2 ? { "content-length": String(SIZE) } : {}) });
      const record = { bytes: 0, finished: false };
      written.push(record);
      const pump = () => {
        while (record.bytes < SIZE) {
          record.bytes += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end(() => (record.finished = true));
      };
      res.on("error", () => undefined);
      pump();
    });
    const f = files("large");
    const result = await runCli(["verify", "--base-url", server.url, "--max-requests", "3", "--rate", "2000", "--json", f.json], ENV);
    const report = JSON.parse(await readFile(f.json, "utf8")) as Report;
    const got = report.checks.find((c) => c.name === "no-server-error")!.violations.map((v) => v.got);
    expect(got, result.stdout + result.stderr).toEqual([
      expect.stringMatching(/^200 with a body that was not read: the response body grew past the limit of 16777216 bytes/),
      expect.stringMatching(/^200 with a body that was not read: the response body declares 50331648 bytes/),
    ]);
    expect(result.code).toBe(1);
    expect(written).toHaveLength(2);
    for (const record of written) expect(record.finished).toBe(false);
  }, 90_000);
});

describe("what held, and must keep holding", () => {
  it("never follows a redirect, to another origin or its own", async () => {
    const elsewhere = await serve((_request, res) => json(res, 200, onePage()));
    const server = await serve((request, res) => {
      if (isTokenCall(request)) return json(res, 200, { token: TOKEN });
      const target = request.url.searchParams.has("limit") ? `${elsewhere.url}/aggregation/v1/customers` : "/aggregation/v1/customers?limit=1";
      res.writeHead(request.url.searchParams.has("type") ? 307 : 302, { location: target });
      res.end();
    });
    const result = await runCli(["verify", "--base-url", server.url, "--runs", "3", "--rate", "2000"], ENV);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/status-declared\s+spec\s+FAIL/);
    expect(elsewhere.requests).toEqual([]);
    // Each request sent once, none re-sent to the Location.
    expect(server.requests.filter((r) => r.url.search === "?limit=1" && r.method === "GET").length).toBeLessThanOrEqual(1);
  }, 60_000);
});
