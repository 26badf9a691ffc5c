import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BadRequestError, TimeoutError, createCustomersClient } from "../src/index.js";
import { PAGE, startServer } from "./http-server.js";

// What held against hostile servers, and must keep holding: slow servers end in TimeoutError within the
// timeout plus a little (time bounds here are generous upper bounds for a loaded machine, never targets);
// deeply nested JSON and `__proto__` keys are harmless.
let server: Awaited<ReturnType<typeof startServer>>;
const DEEP = 20_000;
beforeAll(async () => {
  server = await startServer((req, res) => {
    const kind = req.url!.includes("/partners/authentication") ? "token" : new URL(req.url!, "http://x").searchParams.get("search");
    // One byte every 100 ms: a body that never finishes in time (with and without Content-Length).
    if (kind === "trickle" || kind === "token") {
      res.writeHead(200, { "Content-Type": "application/json", ...(kind === "token" ? { "Content-Length": "100000" } : {}) });
      const timer = setInterval(() => res.write(" "), 100);
      res.on("close", () => clearInterval(timer));
      return;
    }
    if (kind === "deep") {
      return res
        .writeHead(400, { "Content-Type": "application/json" })
        .end(`{"code":"app-key-hostile","message":"deep","x":${"[".repeat(DEEP)}${"]".repeat(DEEP)}}`);
    }
    if (kind === "proto") {
      return res
        .writeHead(200, { "Content-Type": "application/json" })
        .end(`{"__proto__":{"polluted":true},"found":1,"displaying":1,"moreAvailable":false,"customers":[{"__proto__":{"polluted":true},"id":"1","username":"u","type":"active","createdDate":"1"}]}`);
    }
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(PAGE));
  });
});
afterAll(() => server.close());

async function timed(promise: Promise<unknown>) {
  const started = performance.now();
  const error = await promise.catch((e: unknown) => e);
  return { error, ms: performance.now() - started };
}

describe("hostile servers", () => {
  it("a 1 byte/100 ms body (chunked, so streamed through the size cap) ends in TimeoutError", async () => {
    const client = createCustomersClient({ baseUrl: server.url, appKey: "k", appToken: "t", timeoutMs: 500, maxRetries: 0 });
    const { error, ms } = await timed(client.getCustomers({ search: "trickle" }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(ms).toBeLessThan(5_000);
  });

  it("a trickling CreateToken ends in TimeoutError", async () => {
    const client = createCustomersClient({ baseUrl: server.url, appKey: "k", partnerId: "p", partnerSecret: "partner-secret-x", timeoutMs: 500, maxRetries: 0 });
    const { error, ms } = await timed(client.getCustomers());
    expect(error).toBeInstanceOf(TimeoutError);
    expect(ms).toBeLessThan(5_000);
  });

  it(`a ${DEEP}-deep JSON error body is a BadRequestError, its echoed secret redacted`, async () => {
    const client = createCustomersClient({ baseUrl: server.url, appKey: "app-key-hostile", appToken: "t", maxRetries: 0 });
    const error = await client.getCustomers({ search: "deep" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain("app-key-hostile");
  });

  it("__proto__ keys in a page are plain data: nothing is polluted", async () => {
    const client = createCustomersClient({ baseUrl: server.url, appKey: "k", appToken: "t" });
    const customers = [];
    for await (const customer of client.iterateCustomers({ search: "proto" })) customers.push(customer);
    expect(customers.map((c) => c.id)).toEqual(["1"]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
