// The built ESM client in a real browser: Debian's chromium driven by playwright-core, a page served from
// localhost, the Prism mock on another port (so every call is a CORS request).
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startMock, type RunningMock } from "@finicity-aggregation/mock";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type Browser } from "./chromium.js";
import { startStaticServer, type StaticServer } from "./static-server.js";

const dist = fileURLToPath(new URL("../../dist/", import.meta.url));
const pageDir = fileURLToPath(new URL("./page/", import.meta.url));
const openapiFetchDir = dirname(createRequire(import.meta.url).resolve("openapi-fetch"));

const IMPORT_MAP = {
  imports: {
    "@finicity-aggregation/client": "/client/index.js",
    "@finicity-aggregation/client/validate": "/client/validate.js",
    "@finicity-aggregation/client/shared-tokens": "/client/shared-tokens.js",
    "@finicity-aggregation/client/log-lines": "/client/log-lines.js",
    "@finicity-aggregation/client/pagination": "/client/pagination.js",
    "@finicity-aggregation/client/body-cap": "/client/body-cap.js",
    "@finicity-aggregation/client/raw": "/client/raw.js",
    "openapi-fetch": "/vendor/openapi-fetch/index.mjs",
  },
};
const HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>@finicity-aggregation/client in a browser</title>
<link rel="icon" href="data:,">
<script type="importmap">${JSON.stringify(IMPORT_MAP)}</script>
</head><body></body></html>`;

describe("the built ESM client in chromium", () => {
  let mock: RunningMock | undefined;
  let site: StaticServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];
  // `redirector` answers every call with a 302 to `target` (another origin), which records what reaches it.
  const targetRequests: string[] = [];
  let target: Server;
  let redirector: Server;
  const listen = async (server: Server) => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const CORS = { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "*" };
  let redirectorUrl: string;

  beforeAll(async () => {
    for (const file of ["index.js", "validate.js"]) {
      if (!existsSync(`${dist}${file}`)) throw new Error(`dist/${file} is missing: build the client first (pnpm turbo run build --filter=@finicity-aggregation/client...)`);
    }
    target = createServer((req, res) => {
      targetRequests.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)}`);
      res.writeHead(200, { ...CORS, "Content-Type": "application/json" }).end('{"found":0,"displaying":0,"moreAvailable":false,"customers":[]}');
    });
    const targetUrl = await listen(target);
    redirector = createServer((req, res) =>
      req.method === "OPTIONS" ? res.writeHead(204, CORS).end() : res.writeHead(302, { ...CORS, Location: `${targetUrl}${req.url}` }).end(),
    );
    redirectorUrl = await listen(redirector);
    browser = await launchChromium();
    mock = await startMock();
    site = await startStaticServer({ "/client/": dist, "/vendor/openapi-fetch/": openapiFetchDir, "/page/": pageDir }, { "/": HTML });
    page = await browser.context.newPage();
    page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(`console: ${message.text()}`);
    });
    page.on("requestfailed", (request) => pageErrors.push(`requestfailed: ${request.url()} ${request.failure()?.errorText ?? ""}`));
    await page.goto(`${site.url}/`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await mock?.close();
    for (const server of [target, redirector]) {
      server?.closeAllConnections();
      await new Promise((resolve) => server?.close(resolve));
    }
  });

  it("lists every page, throws typed errors and validates responses", { timeout: 60_000 }, async () => {
    expect(site!.url).not.toBe(mock!.url); // different origins: the browser enforces CORS on every call
    const scenario = `import("/page/scenario.js").then((m) => m.run(${JSON.stringify(mock!.url)}, ${JSON.stringify(redirectorUrl)}))`;
    const result = await page.evaluate(scenario).catch((error: unknown) => {
      throw new Error(`the page failed: ${String(error)}\n${pageErrors.join("\n")}`);
    });
    const r = result as any;
    const context = `page errors:\n${pageErrors.join("\n")}\nresult: ${JSON.stringify(result, null, 2)}`;

    // Without validation the validators are never fetched.
    expect(r.plainPage, context).toEqual({ displaying: 2, moreAvailable: true, ids: ["1005061234", "1005061235"] });
    expect(r.validatorsLoadedBeforeValidation, context).toEqual([]);
    // openapi-fetch is fetched on the first use of client.raw, not before.
    expect(r.rawLoadedBeforeUse, context).toEqual([]);
    expect(r.raw, context).toEqual({ status: 200, displaying: 2 });
    expect(r.rawLoadedAfterUse, context).toEqual(["/client/raw.js", "/vendor/openapi-fetch/index.mjs"]);

    // iterateCustomers walks both pages: start is a record index (1, then 1 + 2).
    expect(r.iterated.ids, context).toEqual(["1005061234", "1005061235"]);
    const queries = (r.iterated.requests as string[]).map((path) => Object.fromEntries(new URL(path, "http://x").searchParams));
    expect(queries, context).toEqual([
      { type: "testing", start: "1", limit: "2" },
      { type: "testing", start: "3", limit: "2" },
    ]);
    expect(r.validatorsLoadedAfterValidation, context).toEqual(["/client/validate.js"]);

    // A 401 from the mock is a typed AuthenticationError carrying the API's code.
    expect(r.unauthorized, context).toMatchObject({
      thrown: true,
      name: "AuthenticationError",
      isAuthenticationError: true,
      isFinicityApiError: true,
      status: 401,
      code: "10022",
    });

    // A field whose type changed is a ResponseValidationError naming path, rule and type; a new field passes.
    expect(r.changedType, context).toMatchObject({
      thrown: true,
      name: "ResponseValidationError",
      isResponseValidationError: true,
      isFinicityApiError: true,
      status: 200,
      issues: [{ path: "/customers/1/id", rule: "type", valueType: "number" }],
    });
    expect(r.changedType.message, context).toContain("/customers/1/id");
    // The parsed body is kept for inspection (as received: the id still a number).
    expect(r.changedType.responseBody, context).toMatchObject({ displaying: 2, customers: [{ id: "1005061234" }, { id: 1005061235 }] });
    expect(r.addedField, context).toEqual({ displaying: 2, loyaltyTier: "gold" });

    // A redirect is an opaque one in a browser (status 0, target hidden): RedirectError, and nothing reached the target.
    expect(r.redirected, context).toMatchObject({ thrown: true, name: "RedirectError", isRedirectError: true, status: 0, location: null });
    expect(r.redirected.message, context).toContain("hidden by the browser");
    expect(targetRequests, context).toEqual([]);

    // Secrets stay out of errors.
    for (const error of [r.unauthorized, r.changedType, r.redirected]) {
      for (const secret of ["browser-app-key-0123", "browser-app-token-4567"]) {
        expect(`${error.message} ${error.json}`).not.toContain(secret);
      }
    }
  });
});
