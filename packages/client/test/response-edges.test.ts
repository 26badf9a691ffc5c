// The edges of how an answer is read, on the client's own calls and on `client.raw`: the status range a redirect
// has, a body of exactly maxResponseBytes, exactly 90 % of it (not logged), a compressed body read within the cap
// whatever its Content-Length says, empty answers, and where an error body read without a length is cut.
import { describe, expect, it, vi } from "vitest";
import { createCustomersClient, FinicityApiError, InternalServerError, ResponseTooLargeError, type CustomersClientOptions } from "../src/index.js";

const PAGE = JSON.stringify({ found: 0, displaying: 0, moreAvailable: false, customers: [] });

/** A body streamed in chunks of `size` bytes (no Content-Length), `total` bytes in all. */
function chunked(total: number, size: number, fill = 32): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(size, total - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(fill));
    },
  });
}

/** PAGE padded with spaces to `bytes`, without a Content-Length (a constructed Response has none). */
const paddedPage = (bytes: number) => new Response(PAGE.padEnd(bytes, " "), { headers: { "Content-Type": "application/json" } });

function client(fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>, options: Partial<CustomersClientOptions> = {}) {
  const lines: string[] = [];
  const logger = { debug() {}, info() {}, warn: (line: string) => lines.push(line), error() {} };
  const c = createCustomersClient({ baseUrl: "https://api.example.com", appKey: "k", appToken: "t", maxRetries: 0, logger, fetch: fetch as typeof globalThis.fetch, ...options });
  return { lines, client: c };
}

describe("reading an answer", () => {
  it("takes a 299 as a success, not as a redirect (redirects are 300 to 399)", async () => {
    const { client: c } = client(async () => new Response(PAGE, { status: 299, headers: { "Content-Type": "application/json" } }));
    await expect(c.getCustomers()).resolves.toEqual(JSON.parse(PAGE));
  });

  it("reads a body of exactly maxResponseBytes, with a Content-Length and without one", async () => {
    const body = PAGE.padEnd(1000, " ");
    const withLength = client(async () => new Response(body, { headers: { "Content-Type": "application/json", "Content-Length": "1000" } }), { maxResponseBytes: 1000 });
    await expect(withLength.client.getCustomers()).resolves.toEqual(JSON.parse(PAGE));
    const withoutLength = client(async () => paddedPage(1000), { maxResponseBytes: 1000 });
    await expect(withoutLength.client.getCustomers()).resolves.toEqual(JSON.parse(PAGE));
    const over = client(async () => paddedPage(1001), { maxResponseBytes: 1000 });
    await expect(over.client.getCustomers()).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it("does not log a body of exactly 90 % of maxResponseBytes, and logs one byte more", async () => {
    const { lines, client: c } = client(async (input) => paddedPage(new URL(String(input)).searchParams.get("search") === "more" ? 901 : 900), { maxResponseBytes: 1000 });
    await c.getCustomers();
    await c.getCustomers({ search: "more" }); // logged, after anything the first call would have logged
    await vi.waitFor(() => expect(lines).toEqual(["[finicity] a response of 901 bytes only just fit maxResponseBytes (1000)"]));
  });

  it("reads a compressed body within the cap, whatever its Content-Length says (it counts the compressed bytes)", async () => {
    const { client: c } = client(async () => new Response(chunked(20_000, 1000), { headers: { "Content-Type": "application/json", "Content-Encoding": "gzip", "Content-Length": "100" } }), {
      maxResponseBytes: 10_000,
    });
    await expect(c.getCustomers()).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it("takes an error answer with Content-Length: 0 as one without a body", async () => {
    const { client: c } = client(async () => new Response(null, { status: 500, headers: { "Content-Length": "0" } }));
    const error = await c.getCustomers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 500, body: undefined });
  });

  it("never gives an empty 2xx as a page: 204, and 200 with Content-Length: 0", async () => {
    for (const response of [new Response(null, { status: 204 }), new Response(null, { status: 200, headers: { "Content-Length": "0" } })]) {
      const { client: c } = client(async () => response);
      const error = await c.getCustomers().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FinicityApiError);
      expect(error).toMatchObject({ status: response.status, body: undefined });
    }
  });
});

describe("client.raw reading an answer", () => {
  it("sends with redirect: manual (and the attempt's signal, which a raw call of the user's does not have)", async () => {
    const seen: Array<RequestInit | undefined> = [];
    const { client: c } = client(async (_input, init) => {
      seen.push(init);
      return new Response(PAGE, { headers: { "Content-Type": "application/json" } });
    });
    const { data } = await c.raw.GET("/aggregation/v1/customers", { params: { header: { "Finicity-App-Key": "k", "Finicity-App-Token": "t" } } } as never);
    expect(data).toEqual(JSON.parse(PAGE));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual({ signal: undefined, redirect: "manual" });
  });

  it("hands on an answer without a body as it is, with a Content-Length of 0 or none", async () => {
    for (const answer of [() => new Response(null, { status: 200, headers: { "Content-Length": "0" } }), () => new Response(null, { status: 204 })]) {
      const { client: c } = client(async () => answer());
      const { data, error, response } = await c.raw.GET("/aggregation/v1/customers", {} as never);
      expect({ data, error, status: response.status }).toEqual({ data: undefined, error: undefined, status: answer().status });
    }
  });

  it("cuts an error body without a length at exactly 64 KiB, in the middle of a chunk", async () => {
    const { client: c } = client(async () => new Response(chunked(70_000, 1000, 101), { status: 500, headers: { "Content-Type": "text/plain" } }));
    const { error, response } = await c.raw.GET("/aggregation/v1/customers", {} as never);
    expect(response.status).toBe(500);
    expect(error).toBe("e".repeat(65_536));
  });
});
