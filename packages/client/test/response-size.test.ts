import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InternalServerError, ResponseTooLargeError, createCustomersClient } from "../src/index.js";
import { startServer } from "./http-server.js";

/** The largest legitimate page: 1000 customers, every field filled at its longest, 4-byte UTF-8 characters. */
function largestPage(): string {
  const long = (n: number) => "𝔘".repeat(n); // one code point (maxLength counts these), 4 bytes in UTF-8
  const customers = Array.from({ length: 1000 }, (_, i) => ({
    id: String(9_000_000_000_000 + i),
    username: long(255),
    firstName: long(255),
    lastName: long(255),
    type: "testing",
    createdDate: "1607450357",
    lastModifiedDate: "1607450357",
    email: long(254),
    phone: "+61412345678901",
  }));
  return JSON.stringify({ found: 1000, displaying: 1000, moreAvailable: false, customers });
}

let server: Awaited<ReturnType<typeof startServer>>;
let chunksSent = 0;
beforeAll(async () => {
  server = await startServer((req, res) => {
    const kind = new URL(req.url!, "http://x").searchParams.get("search");
    if (kind === "largest") return res.writeHead(200, { "Content-Type": "application/json" }).end(largestPage());
    if (kind === "declared") return res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(1 << 30) }).end();
    // Endless: 64 KiB chunks until the client stops reading (the socket closes).
    res.writeHead(kind === "endless500" ? 500 : 200, { "Content-Type": kind === "endless500" ? "text/plain" : "application/json" });
    const chunk = Buffer.alloc(65_536, kind === "endless500" ? "e" : " ");
    if (kind !== "endless500") res.write("[");
    const pump = () => {
      while (!res.destroyed && res.write(chunk)) chunksSent++;
      if (!res.destroyed) res.once("drain", pump);
    };
    res.on("close", () => res.removeAllListeners("drain"));
    pump();
  });
});
afterAll(() => server.close());

describe("maxResponseBytes", () => {
  it("reads the largest legitimate page with the default cap (with a margin of over 7x)", { timeout: 60_000 }, async () => {
    const bytes = Buffer.byteLength(largestPage());
    expect(bytes * 7).toBeLessThan(32 * 1024 * 1024);
    const client = createCustomersClient({ baseUrl: server.url, appKey: "k", appToken: "t" });
    const page = await client.getCustomers({ search: "largest" });
    expect(page.customers).toHaveLength(1000);
  });

  it("ends an endless 200 body in ResponseTooLargeError, without reading the rest (memory bounded), no retry", async () => {
    const before = process.memoryUsage().rss;
    chunksSent = 0;
    const client = createCustomersClient({ baseUrl: server.url, appKey: "k", appToken: "t", maxResponseBytes: 1_000_000, maxRetries: 2 });
    const error = await client.getCustomers({ search: "endless" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ name: "ResponseTooLargeError", status: 200, message: "HTTP 200 body over maxResponseBytes (1000000)" });
    expect(server.requests.filter((r) => r.url.includes("endless"))).toHaveLength(1);
    // The server could write only what socket buffers held beyond the cap: far from endless.
    expect(chunksSent * 65_536).toBeLessThan(64 * 1024 * 1024);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it("fails before reading when Content-Length is over the cap", async () => {
    const client = createCustomersClient({ baseUrl: server.url, appKey: "k", appToken: "t", maxResponseBytes: 1000 });
    await expect(client.getCustomers({ search: "declared" })).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it("caps a body without Content-Length (a stub fetch with a streamed body) and one with a Content-Length that lies", async () => {
    let pulled = 0;
    const endless = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled++;
          controller.enqueue(new Uint8Array(1024).fill(32));
        },
      });
    const fetch = (async () => new Response(endless(), { headers: { "Content-Type": "application/json", "Content-Encoding": "gzip" } })) as typeof globalThis.fetch;
    const client = createCustomersClient({ baseUrl: "https://api.example.com", appKey: "k", appToken: "t", fetch, maxResponseBytes: 10_000 });
    await expect(client.getCustomers()).rejects.toBeInstanceOf(ResponseTooLargeError);
    expect(pulled).toBeLessThan(20);
  });

  it("keeps an endless error body cut: reads 64 KiB at most, keeps 4096 characters, still an InternalServerError", async () => {
    const client = createCustomersClient({ baseUrl: server.url, appKey: "k", appToken: "t", maxRetries: 0 });
    const error = await client.getCustomers({ search: "endless500" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).body).toBe("e".repeat(4096));
  });

  it("refuses a maxResponseBytes that is not a positive integer", () => {
    expect(() => createCustomersClient({ appKey: "k", appToken: "t", maxResponseBytes: 0 })).toThrow(/maxResponseBytes must be >= 1/);
  });
});
