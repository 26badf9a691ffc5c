import { describe, expect, it } from "vitest";
import { createCustomersClient } from "../src/index.js";

const page = { found: 0, displaying: 0, moreAvailable: false, customers: [] };

/** A fetch stub that records each request (as the server would see it) and answers by path. */
function recordingFetch() {
  const requests: { url: string; method: string; headers: Headers; body: string }[] = [];
  const fetch = async (input: Request | string | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push({ url: request.url, method: request.method, headers: request.headers, body: await request.text() });
    const body = request.url.endsWith("/authentication") ? { token: "tok-123" } : page;
    return new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } });
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

describe("the client's own calls and raw.use middleware", () => {
  it("sends GetCustomers and CreateToken as the spec says, with the query encoded as openapi-fetch does", async () => {
    const stub = recordingFetch();
    const client = createCustomersClient({ appKey: "key-1", partnerId: "p-1", partnerSecret: "s-1", baseUrl: "http://api.test/", fetch: stub.fetch, tokenStore: new Map() });
    await client.getCustomers({ search: "a b&c=d", username: undefined, type: "", start: 2, limit: 5 });
    const [token, get] = stub.requests;
    expect(token).toMatchObject({ url: "http://api.test/aggregation/v2/partners/authentication", method: "POST" });
    expect(JSON.parse(token!.body)).toEqual({ partnerId: "p-1", partnerSecret: "s-1" });
    expect(token!.headers.get("content-type")).toBe("application/json");
    expect(token!.headers.get("app-key")).toBe("key-1");
    expect(token!.headers.get("finicity-app-token")).toBeNull();
    expect(get).toMatchObject({ url: "http://api.test/aggregation/v1/customers?search=a%20b%26c%3Dd&type=&start=2&limit=5", method: "GET", body: "" });
    expect(get!.headers.get("finicity-app-token")).toBe("tok-123");
    expect(get!.headers.get("app-key")).toBe("key-1");
    expect(get!.headers.get("accept")).toBe("application/json");
    expect(get!.headers.get("content-type")).toBeNull();
  });

  it("a middleware added with raw.use sees the client's own calls from then on (both operations), and can change them", async () => {
    const stub = recordingFetch();
    const client = createCustomersClient({ appKey: "key-1", partnerId: "p-1", partnerSecret: "s-1", baseUrl: "http://api.test", fetch: stub.fetch, tokenStore: new Map() });
    await client.getCustomers({ limit: 1 }); // before the middleware: not seen
    const seen: string[] = [];
    client.raw.use({
      onRequest({ request }) {
        seen.push(`${request.method} ${new URL(request.url).pathname}${new URL(request.url).search}`);
        request.headers.set("X-Trace", "t-1");
        return undefined;
      },
    });
    await client.getCustomers({ search: "a b", limit: 2 });
    await client.raw.GET("/aggregation/v1/customers", {});
    expect(seen).toEqual(["GET /aggregation/v1/customers?search=a%20b&limit=2", "GET /aggregation/v1/customers"]);
    const traced = stub.requests.filter((r) => r.headers.get("x-trace") === "t-1");
    expect(traced.map((r) => r.url)).toEqual(["http://api.test/aggregation/v1/customers?search=a%20b&limit=2", "http://api.test/aggregation/v1/customers"]);
    // Through the middleware path the client's call still carries its token and app key.
    expect(traced[0]!.headers.get("finicity-app-token")).toBe("tok-123");
    expect(traced[1]!.headers.get("finicity-app-token")).toBe("tok-123");
    expect(traced[0]!.headers.get("app-key")).toBe("key-1");
  });

  it("after raw.use, CreateToken goes through the middleware too", async () => {
    const stub = recordingFetch();
    const client = createCustomersClient({ appKey: "key-1", partnerId: "p-2", partnerSecret: "s-2", baseUrl: "http://api.test", fetch: stub.fetch, tokenStore: new Map() });
    const seen: string[] = [];
    client.raw.use({ onRequest: ({ request }) => void seen.push(`${request.method} ${new URL(request.url).pathname}`) });
    await client.getCustomers();
    expect(seen).toEqual(["POST /aggregation/v2/partners/authentication", "GET /aggregation/v1/customers"]);
    expect(JSON.parse(stub.requests[0]!.body)).toEqual({ partnerId: "p-2", partnerSecret: "s-2" });
  });
});

describe("client.raw, loaded on first use", () => {
  it("refuses a middleware that is not one at once, as openapi-fetch does, and sends nothing", async () => {
    const stub = recordingFetch();
    const client = createCustomersClient({ appKey: "key-1", appToken: "tok-9", baseUrl: "http://api.test", fetch: stub.fetch });
    expect(() => client.raw.use({} as never)).toThrow(/Middleware must be an object with one of `onRequest\(\)`/);
    expect(() => client.raw.use((() => {}) as never)).toThrow(/Middleware must be an object/);
    await client.getCustomers(); // still the direct path: no middleware was added
    expect(stub.requests).toHaveLength(1);
  });

  it("applies use and eject in call order, before the requests made after them", async () => {
    const stub = recordingFetch();
    const client = createCustomersClient({ appKey: "key-1", appToken: "tok-9", baseUrl: "http://api.test", fetch: stub.fetch });
    const seen: string[] = [];
    const middleware = { onRequest: ({ request }: { request: Request }) => void seen.push(new URL(request.url).search) };
    client.raw.use(middleware);
    const first = client.raw.GET("/aggregation/v1/customers", { params: { query: { limit: 1 } } });
    client.raw.eject(middleware);
    const second = client.raw.GET("/aggregation/v1/customers", { params: { query: { limit: 2 } } });
    const [a, b] = await Promise.all([first, second]);
    expect(seen).toEqual(["?limit=1"]);
    expect([a.response.status, b.response.status]).toEqual([200, 200]);
    expect(stub.requests.map((r) => r.headers.get("finicity-app-token"))).toEqual(["tok-9", "tok-9"]);
  });
});
