// The full client against the sandbox through Prism's validation proxy: iteration across many pages, the
// token flow, and each fault mode.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ConnectionError,
  InternalServerError,
  RateLimitError,
  ResponseValidationError,
  TimeoutError,
  createCustomersClient,
} from "@finicity-aggregation/client";
import { startMock, type RunningSandbox } from "@finicity-aggregation/mock";
import { CREDENTIALS as REFERENCE, startReferenceServer } from "./fixtures/reference-server.js";

const CREDENTIALS = { appKey: "suite-app-key-4f1d", partnerId: "suite-partner-0a9c", partnerSecret: "suite-secret-77e2" };

let mock: RunningSandbox;
beforeAll(async () => {
  mock = await startMock({ mode: "sandbox", port: 0, customers: 2_600, credentials: CREDENTIALS });
});
afterAll(async () => {
  await mock?.close();
});
beforeEach(() => mock.sandbox.reset());

// Each client gets a token store of its own (a Map will do): by default the clients of one process with the same
// credentials share tokens and recorded CreateToken rejections, and these tests count CreateToken calls per client.
const client = (overrides: Record<string, unknown> = {}, url = mock.url) =>
  createCustomersClient({ baseUrl: url, ...CREDENTIALS, validateResponses: true, tokenStore: new Map(), ...overrides });
const tokenCalls = () => mock.sandbox.requests.filter((r) => r.method === "POST").length;

describe("iteration across many pages", () => {
  it("yields every customer once, in the sandbox's order, with the default page size", async () => {
    const ids: string[] = [];
    for await (const customer of client().iterateCustomers()) ids.push(customer.id);
    expect(ids).toEqual(mock.sandbox.customers().map((c) => c.id));
  });

  it("pages with a small page size and a filter", async () => {
    const testing = mock.sandbox.customers().filter((c) => c.type === "testing").map((c) => c.id);
    const pages: number[] = [];
    const ids: string[] = [];
    for await (const page of client().pages({ type: "testing" }, { pageSize: 97 })) {
      pages.push(page.displaying);
      ids.push(...page.customers.map((c) => c.id));
    }
    expect(ids).toEqual(testing);
    expect(pages.length).toBe(Math.ceil(testing.length / 97));
  });

  it("stops at maxItems", async () => {
    const ids: string[] = [];
    for await (const customer of client().iterateCustomers({}, { pageSize: 10, maxItems: 25 })) ids.push(customer.id);
    expect(ids).toHaveLength(25);
  });
});

describe("the token flow", () => {
  it("creates one token for concurrent calls and reuses it", async () => {
    const c = client();
    await Promise.all([c.getCustomers({ limit: 1 }), c.getCustomers({ limit: 2 }), c.getCustomers({ limit: 3 })]);
    await c.getCustomers({ limit: 4 });
    expect(tokenCalls()).toBe(1);
  });

  it("never retries a refused CreateToken", async () => {
    const error = await client({ partnerSecret: "wrong-secret-0000" })
      .getCustomers()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(tokenCalls()).toBe(1);
    expect(String((error as Error).message)).not.toContain("wrong-secret-0000");
  });
});

describe("fault modes", () => {
  it("retries a 503 with Retry-After and succeeds", async () => {
    const c = client();
    await c.getCustomers({ limit: 1 }); // the token first: these faults are for Get Customers
    mock.sandbox.failNext(1, { status: 503, retryAfter: 0 });
    await expect(c.getCustomers({ limit: 5 })).resolves.toMatchObject({ displaying: 5 });
  });

  it("retries a 429 and succeeds", async () => {
    const c = client();
    await c.getCustomers({ limit: 1 });
    mock.sandbox.failNext(1, { status: 429, retryAfter: 0 });
    await expect(c.getCustomers({ limit: 5 })).resolves.toMatchObject({ displaying: 5 });
  });

  it("does not retry a 429 from CreateToken (only network errors and 5xx are retried there)", async () => {
    mock.sandbox.failNext(1, { status: 429, retryAfter: 0 });
    await expect(client().getCustomers({ limit: 5 })).rejects.toBeInstanceOf(RateLimitError);
    expect(tokenCalls()).toBe(1);
  });

  it("retries a 503 from CreateToken, which is a 5xx", async () => {
    mock.sandbox.failNext(1, { status: 503, retryAfter: 0 });
    await expect(client().getCustomers({ limit: 5 })).resolves.toMatchObject({ displaying: 5 });
    expect(tokenCalls()).toBe(2);
  });

  it("gives up on 500s after its retries with an InternalServerError", async () => {
    const c = client({ maxRetries: 1 });
    await c.getCustomers({ limit: 1 }); // token first
    mock.sandbox.failNext(2, { status: 500 });
    await expect(c.getCustomers({ limit: 1 })).rejects.toBeInstanceOf(InternalServerError);
  });

  it("times out on latency beyond timeoutMs", async () => {
    // Warm up with the default timeout (on a loaded machine the first call through Prism can take over 100 ms).
    await client({ maxRetries: 0 }).getCustomers({ limit: 1 });
    const c = client({ timeoutMs: 100, maxRetries: 0 });
    mock.sandbox.failNext(1, { latencyMs: 2_000 });
    await expect(c.getCustomers({ limit: 1 })).rejects.toBeInstanceOf(TimeoutError);
  });

  it("reports a dropped connection as a ConnectionError", async () => {
    const c = client({ maxRetries: 0 }, mock.directUrl);
    await c.getCustomers({ limit: 1 });
    mock.sandbox.failNext(1, { drop: true });
    await expect(c.getCustomers({ limit: 1 })).rejects.toBeInstanceOf(ConnectionError);
  });

  it("recovers from a dropped connection by retrying", async () => {
    const c = client({}, mock.directUrl);
    await c.getCustomers({ limit: 1 });
    mock.sandbox.failNext(1, { drop: true });
    await expect(c.getCustomers({ limit: 1 })).resolves.toMatchObject({ displaying: 1 });
  });

  it("does not return a truncated body as data", async () => {
    const c = client({ maxRetries: 0 }, mock.directUrl);
    await c.getCustomers({ limit: 1 });
    mock.sandbox.failNext(1, { truncate: true });
    await expect(c.getCustomers({ limit: 3 })).rejects.toBeInstanceOf(ConnectionError);
  });
});

describe("response validation", () => {
  it("passes every sandbox answer (validation on in every test above) and rejects a body that breaks the schema", async () => {
    // A server whose createdDate is a number instead of a string of digits.
    const broken = await startReferenceServer("body-matches-schema");
    try {
      const c = createCustomersClient({ baseUrl: broken.url, ...REFERENCE, validateResponses: true, maxRetries: 0 });
      const error = await c.getCustomers({ limit: 2 }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(String((error as Error).message)).toMatch(/createdDate/);
      const lenient = createCustomersClient({ baseUrl: broken.url, ...REFERENCE, maxRetries: 0 });
      await expect(lenient.getCustomers({ limit: 2 })).resolves.toMatchObject({ displaying: 2 });
    } finally {
      await broken.close();
    }
  });
});
