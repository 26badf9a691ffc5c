// @finicity-aggregation/mock/msw in a real browser: Debian's chromium (playwright-core), MSW's setupWorker with
// sandboxHandlers(), and the built client with no baseUrl calling the production hosts, answered by the worker.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CHROMIUM_PATH = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const here = dirname(fileURLToPath(import.meta.url));
const workerScript = join(dirname(createRequire(import.meta.url).resolve("msw/package.json")), "lib", "mockServiceWorker.js");
const HTML = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="/scenario.js"></script></head><body></body></html>`;

describe("sandboxHandlers() under setupWorker in chromium", () => {
  let server: Server | undefined;
  let context: BrowserContext | undefined;
  let profile: string | undefined;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(`Chromium was not found at ${CHROMIUM_PATH}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH.`);
    }
    const bundle = await build({ entryPoints: [join(here, "msw-scenario.js")], bundle: true, format: "esm", platform: "browser", write: false, logLevel: "silent" });
    const files: Record<string, [string, string | Buffer]> = {
      "/": ["text/html; charset=utf-8", HTML],
      "/scenario.js": ["text/javascript; charset=utf-8", bundle.outputFiles[0]!.text],
      "/mockServiceWorker.js": ["text/javascript; charset=utf-8", await readFile(workerScript)],
    };
    server = createServer((request, response) => {
      const file = files[new URL(request.url ?? "/", "http://localhost").pathname];
      response.writeHead(file ? 200 : 404, { "content-type": file?.[0] ?? "text/plain", "cache-control": "no-store" }).end(file?.[1] ?? "not found");
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    profile = await mkdtemp(join(tmpdir(), "finicity-msw-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it("pages across every customer, turns a fault and a 401 into typed errors, and never reaches the network", { timeout: 120_000 }, async () => {
    const page = await context!.newPage();
    const problems: string[] = [];
    const apiRequests: Array<{ url: string; fromWorker: boolean }> = [];
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("console", (message) => message.type() === "error" && problems.push(`console: ${message.text()}`));
    page.on("response", (response) => {
      const url = response.url();
      if (url.startsWith("https://api.")) apiRequests.push({ url, fromWorker: response.fromServiceWorker() });
    });
    const { port } = server!.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => typeof (window as unknown as { runScenario?: unknown }).runScenario === "function", undefined, { timeout: 20_000 }).catch((error: unknown) => {
      throw new Error(`the scenario did not load: ${String(error)}\n${problems.join("\n")}`);
    });
    const result = (await page.evaluate("window.runScenario()").catch((error: unknown) => {
      throw new Error(`the page failed: ${String(error)}\n${problems.join("\n")}`);
    })) as Record<string, unknown>;
    const context_ = `problems:\n${problems.join("\n")}\nresult: ${JSON.stringify(result, null, 2)}`;

    expect(result["ids"], context_).toEqual(result["expected"]);
    expect((result["ids"] as string[]).length).toBe(23);
    expect(result["fault"], context_).toEqual({ name: "InternalServerError", status: 500 });
    expect(result["unauthorized"], context_).toEqual({ name: "AuthenticationError", status: 401 });
    expect(result["usDisplaying"], context_).toBe(2);
    // CreateToken, three pages, the fault, the 401, the US page.
    expect(result["statuses"], context_).toEqual([200, 200, 200, 200, 500, 401, 200]);
    expect(apiRequests.length, context_).toBeGreaterThanOrEqual(7);
    expect(apiRequests.filter((request) => !request.fromWorker), context_).toEqual([]);
    expect(apiRequests.some((request) => request.url.startsWith("https://api.finicity.com/"))).toBe(true);
  });
});
