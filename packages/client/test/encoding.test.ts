import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ValidationError, createCustomersClient, type CustomersClient } from "../src/index.js";

// A local server that records the query values it decoded (WHATWG URL parsing, as servers do).
let server: Server;
let client: CustomersClient;
let decoded: { search: string | null; username: string | null; raw: string } | undefined;
let headers: Record<string, string | string[] | undefined> = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    const params = new URL(req.url ?? "/", "http://localhost").searchParams;
    decoded = { search: params.get("search"), username: params.get("username"), raw: req.url ?? "" };
    headers = req.headers;
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end('{"found":0,"displaying":0,"moreAvailable":false,"customers":[]}');
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  client = createCustomersClient({ baseUrl: `http://127.0.0.1:${port}`, appKey: "key", appToken: "token" });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

// Strings of any well-formed Unicode, with the characters URLs treat specially made common.
const special = fc.constantFrom(" ", "+", "&", "=", "#", "%", "?", "/", "%2B", "%20", "é", "😀", "\t", ";", ",");
const text = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.array(fc.oneof(special, fc.string({ unit: "binary-ascii", maxLength: 3 })), { maxLength: 12 }).map((parts) => parts.join("")),
  fc.string({ maxLength: 10 }).map((s) => `  ${s}  `),
);

describe("query encoding on the wire", () => {
  it("the server decodes exactly the search and username strings passed (property, 2000 runs)", async () => {
    await fc.assert(
      fc.asyncProperty(text, text, async (search, username) => {
        decoded = undefined;
        await client.getCustomers({ search, username });
        expect(decoded).toMatchObject({ search, username });
      }),
      // 200 in the mutation runs (vitest.mutation.config.ts), where this test runs for every mutant of the request path.
      { numRuns: process.env.CLIENT_MUTATION_RUN === "1" ? 200 : 2000 },
    );
  }, 120_000);

  it("sends + as %2B, and keeps leading and trailing spaces", async () => {
    await client.getCustomers({ search: " a+b c&d=e#f%g ", username: "x+y@z.com" });
    expect(decoded?.raw).toContain("search=%20a%2Bb%20c%26d%3De%23f%25g%20");
    expect(decoded).toMatchObject({ search: " a+b c&d=e#f%g ", username: "x+y@z.com" });
  });

  it("sends the default headers", async () => {
    await client.getCustomers();
    expect(headers).toMatchObject({ accept: "application/json", "app-key": "key", "finicity-app-token": "token" });
  });

  it("refuses a lone surrogate (it has no URL encoding) before sending", async () => {
    decoded = undefined;
    await expect(client.getCustomers({ search: "a\uD800" })).rejects.toBeInstanceOf(ValidationError);
    expect(decoded).toBeUndefined();
  });
});
