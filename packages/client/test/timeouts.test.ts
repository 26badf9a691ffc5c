import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TimeoutError, createCustomersClient } from "../src/index.js";

// A server that answers only when told: requests hang until the test lets them go.
let server: Server;
let baseUrl: string;
let received = 0;
const body = '{"found":0,"displaying":0,"moreAvailable":false,"customers":[]}';

beforeAll(async () => {
  server = createServer((req, res) => {
    received++;
    const delay = Number(new URL(req.url ?? "/", "http://x").searchParams.get("search") ?? 0);
    const timer = setTimeout(() => res.writeHead(200, { "Content-Type": "application/json" }).end(body), delay);
    res.on("close", () => clearTimeout(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("timeouts and aborts", () => {
  it("times out each attempt, retries, then throws TimeoutError", async () => {
    let attempts = 0;
    const counting = ((input: Request, init?: RequestInit) => {
      attempts++;
      return fetch(input, init);
    }) as typeof fetch;
    const client = createCustomersClient({ baseUrl, appKey: "k", appToken: "t", timeoutMs: 100, maxRetries: 1, fetch: counting });
    const error = await client.getCustomers({ search: "60000" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ name: "TimeoutError", message: "Request timed out after 100 ms" });
    expect(attempts).toBe(2);
  });

  it("a per-call timeoutMs overrides the client's", async () => {
    const client = createCustomersClient({ baseUrl, appKey: "k", appToken: "t", timeoutMs: 20 });
    await expect(client.getCustomers({ search: "100" }, { timeoutMs: 10_000 })).resolves.toMatchObject({ displaying: 0 });
  });

  it("combines the caller's signal with the timeout: the caller's abort wins and is not retried", async () => {
    received = 0;
    const client = createCustomersClient({ baseUrl, appKey: "k", appToken: "t", maxRetries: 3 });
    const controller = new AbortController();
    const call = client.getCustomers({ search: "60000" }, { signal: controller.signal }).catch((e: unknown) => e);
    while (received === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error("stop"));
    await expect(call).resolves.toMatchObject({ message: "stop" });
    expect(received).toBe(1);
  });

  it("rejects at once with an already aborted signal", async () => {
    received = 0;
    const client = createCustomersClient({ baseUrl, appKey: "k", appToken: "t" });
    const error = await client.getCustomers({}, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortError");
    expect(received).toBe(0);
  });
});
