import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_KEY, APP_TOKEN, HIT_USERNAME, PAGE_CASES, pageBody, queryString } from "../src/fixtures.js";
import { startBareServer, type RunningServer } from "../src/servers/bare-http.js";
import { createStainlessPeer } from "../src/stainless-peer.js";

// The peer must be the fair comparison it is said to be: the same request (path, query, the three headers, no
// bearer token of its own) to the same server, read as the same page.
describe("the Stainless runtime peer", () => {
  let server: http.Server;
  let baseUrl: string;
  const seen: { url?: string; headers: http.IncomingHttpHeaders }[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ url: req.url, headers: req.headers });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(pageBody(1));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("sends the client's path, query and headers, and reads the page", async () => {
    const page = await createStainlessPeer({ baseUrl }).getCustomers({ username: HIT_USERNAME });
    expect(page.customers.map((c) => c.username)).toEqual([HIT_USERNAME]);
    const request = seen.at(-1)!;
    expect(request.url).toBe(`/aggregation/v1/customers?username=${HIT_USERNAME}`);
    expect(request.headers["app-key"]).toBe(APP_KEY);
    expect(request.headers["finicity-app-token"]).toBe(APP_TOKEN);
    expect(request.headers.accept).toBe("application/json");
    expect(request.headers.authorization, JSON.stringify(request.headers)).toBeUndefined();
  });

  it("uses a given fetch (benchmark 1 stubs it)", async () => {
    const urls: string[] = [];
    const stub = (async (url: string | URL | Request) => {
      urls.push(String(url));
      return new Response(pageBody(0), { status: 200, headers: { "content-type": "application/json" } });
    }) as typeof fetch;
    const page = await createStainlessPeer({ baseUrl: "http://bench.invalid", fetch: stub }).getCustomers({ username: "x" });
    expect(page).toEqual({ found: 0, displaying: 0, moreAvailable: false, customers: [] });
    expect(urls).toEqual(["http://bench.invalid/aggregation/v1/customers?username=x"]);
  });
});

describe("benchmark 2's bare server", () => {
  let bare: RunningServer;
  beforeAll(async () => {
    const byQuery = Object.fromEntries(PAGE_CASES.filter((c) => "username" in c.query).map((c) => [queryString(c.query), pageBody(c.customers)]));
    bare = await startBareServer(pageBody(25), byQuery);
  });
  afterAll(() => bare.close());

  it("answers each page case's query with a page of that many customers", async () => {
    for (const page of PAGE_CASES) {
      const res = await fetch(`${bare.url}/aggregation/v1/customers?${queryString(page.query)}`);
      const body = (await res.json()) as { displaying: number; customers: unknown[] };
      expect([page.label, body.displaying, body.customers.length]).toEqual([page.label, page.customers, page.customers]);
    }
  });
});
