import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createCustomersClient } from "../src/index.js";
import { startServer } from "./http-server.js";

// A 2xx body that fits maxResponseBytes with little to spare is a warn line (issue 12): the next one may not fit.
const PAGE = JSON.stringify({ found: 0, displaying: 0, moreAvailable: false, customers: [] });
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer((req, res) => {
    const search = new URL(req.url!, "http://x").searchParams.get("search") ?? "";
    const body = PAGE.padEnd(Number(search.slice(1)), " "); // JSON with trailing spaces: `search=l950` is 950 bytes
    // writeHead without a Content-Length sends the body chunked: the length must be given to be sent.
    if (search.startsWith("c")) res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) }).end(body);
    else res.writeHead(200, { "Content-Type": "application/json", "Transfer-Encoding": "chunked" }).end(body); // none
  });
});
afterAll(() => server.close());

function client() {
  const lines: string[] = [];
  const logger = { debug() {}, info() {}, warn: (line: string) => lines.push(line), error() {} };
  return { lines, client: createCustomersClient({ baseUrl: server.url, appKey: "k", appToken: "t", maxResponseBytes: 1000, logger, logLevel: "warn" }) };
}

describe("a response that only just fit maxResponseBytes", () => {
  for (const [kind, how] of [["c", "with Content-Length"], ["l", "without Content-Length (chunked)"]] as const) {
    it(`is a warn line naming its size and the cap, ${how}`, async () => {
      const { lines, client: c } = client();
      const { data, response } = await c.getCustomers.withResponse({ search: `${kind}950` });
      expect(data).toMatchObject({ displaying: 0 });
      expect(response.headers.get("content-length")).toBe(kind === "c" ? "950" : null);
      // The line's text is loaded with the ./log-lines entry, so it may follow the call by a moment.
      await vi.waitFor(() => expect(lines).toEqual(["[finicity] a response of 950 bytes only just fit maxResponseBytes (1000)"]));
    });

    it(`is not logged for a body well within the cap, ${how}`, async () => {
      const { lines, client: c } = client();
      await c.getCustomers({ search: `${kind}800` });
      await c.getCustomers({ search: `${kind}901` }); // logged, after anything the first call would have logged
      await vi.waitFor(() => expect(lines).toEqual(["[finicity] a response of 901 bytes only just fit maxResponseBytes (1000)"]));
    });
  }
});
