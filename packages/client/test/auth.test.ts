import { afterEach, describe, expect, it, vi } from "vitest";
import { AuthenticationError, InternalServerError, ValidationError, createCustomersClient } from "../src/index.js";
import { page, settleWithFakeTimers, stubFetch } from "./helpers.js";

const AUTH = "/aggregation/v2/partners/authentication";
const ok = { body: page(["1"], false) };

/** Runs fake timers until `promise` settles (between timers, real async work such as Web Crypto goes on). */
const runTimers = async (promise: Promise<unknown>) => void (await settleWithFakeTimers(promise));

afterEach(() => {
  vi.useRealTimers();
});

/** A server that hands out token-1, token-2, ... and accepts only the newest one. */
function tokenServer(options: { tokenAnswers?: Array<{ status: number; body: unknown }> } = {}) {
  let issued = 0;
  let tokenCalls = 0;
  const stub = stubFetch(async (request) => {
    if (new URL(request.url).pathname === AUTH) {
      const scripted = options.tokenAnswers?.[tokenCalls++];
      if (scripted) return scripted;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { body: { token: `token-${++issued}` } };
    }
    const sent = request.headers.get("Finicity-App-Token");
    return sent === `token-${issued}` ? ok : { status: 401, body: { code: "10023", message: "expired" } };
  });
  return { ...stub, issued: () => issued, tokenRequests: () => stub.requests.filter((r) => r.url.endsWith(AUTH)) };
}

// Clients with the same credentials share tokens (and recorded rejections) through the process's default token
// store: each test uses a partner ID of its own.
let partners = 0;
const partner = () => ({ appKey: "app-key", partnerId: `pid-${++partners}`, partnerSecret: "secret-value" });

describe("tokens from partner credentials", () => {
  it("creates a token with the app key only, and shares one call among concurrent requests", async () => {
    const server = tokenServer();
    const credentials = partner();
    const client = createCustomersClient({ ...credentials, fetch: server.fetch });
    await Promise.all([client.getCustomers(), client.getCustomers(), client.getCustomers()]);
    expect(server.tokenRequests()).toHaveLength(1);
    const [tokenRequest] = server.tokenRequests();
    expect(tokenRequest?.method).toBe("POST");
    expect(tokenRequest?.headers.get("App-Key")).toBe("app-key");
    expect(tokenRequest?.headers.has("Finicity-App-Token")).toBe(false);
    expect(await tokenRequest?.clone().json()).toEqual({ partnerId: credentials.partnerId, partnerSecret: "secret-value" });
    await client.getCustomers();
    expect(server.tokenRequests()).toHaveLength(1);
  });

  it("renews before the AU token expires (after 85 minutes)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const server = tokenServer();
    const client = createCustomersClient({ ...partner(), fetch: server.fetch });
    await client.getCustomers();
    vi.setSystemTime(Date.now() + 84 * 60_000);
    await client.getCustomers();
    expect(server.tokenRequests()).toHaveLength(1);
    vi.setSystemTime(Date.now() + 2 * 60_000);
    await client.getCustomers();
    expect(server.tokenRequests()).toHaveLength(2);
  });

  it("renews US tokens after 90 minutes", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const server = tokenServer();
    const client = createCustomersClient({ ...partner(), region: "us", fetch: server.fetch });
    await client.getCustomers();
    vi.setSystemTime(Date.now() + 89 * 60_000);
    await client.getCustomers();
    expect(server.tokenRequests()).toHaveLength(1);
    vi.setSystemTime(Date.now() + 2 * 60_000);
    await client.getCustomers();
    expect(server.tokenRequests()).toHaveLength(2);
  });

  it("renews once after a 401 saying the token expired, then gives up", async () => {
    let tokenCalls = 0;
    const stub = stubFetch((request) => {
      if (request.url.endsWith(AUTH)) return { body: { token: `t${++tokenCalls}` } };
      return { status: 401, body: { code: "10022", message: "Invalid token" } };
    });
    const client = createCustomersClient({ ...partner(), fetch: stub.fetch });
    await expect(client.getCustomers()).rejects.toBeInstanceOf(AuthenticationError);
    expect(tokenCalls).toBe(2);
    expect(stub.requests).toHaveLength(4);
  });

  it("does not renew after a 401 with another code", async () => {
    const stub = stubFetch((request) =>
      request.url.endsWith(AUTH) ? { body: { token: "t" } } : { status: 401, body: { code: "10026", message: "missing app key" } },
    );
    const client = createCustomersClient({ ...partner(), fetch: stub.fetch });
    await expect(client.getCustomers()).rejects.toMatchObject({ status: 401, code: "10026" });
    expect(stub.requests).toHaveLength(2);
  });

  it("never retries a 401 from the token call", async () => {
    const server = tokenServer({ tokenAnswers: [{ status: 401, body: { code: "24302", message: "Invalid credentials" } }] });
    const client = createCustomersClient({ ...partner(), fetch: server.fetch, maxRetries: 5 });
    const error = await client.getCustomers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: "24302" });
    expect(server.requests).toHaveLength(1);
  });

  it("retries the token call on 5xx but not on 429", async () => {
    // Timers only: the store key is hashed by Web Crypto, which fake timers cannot run (see runTimers).
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const server = tokenServer({ tokenAnswers: [{ status: 503, body: { code: "x" } }] });
    const client = createCustomersClient({ ...partner(), fetch: server.fetch });
    const done = client.getCustomers();
    await runTimers(done);
    await expect(done).resolves.toEqual(ok.body);
    expect(server.tokenRequests()).toHaveLength(2);

    const limited = tokenServer({ tokenAnswers: [{ status: 429, body: { code: "x" } }] });
    const other = createCustomersClient({ ...partner(), fetch: limited.fetch });
    const failed = other.getCustomers().catch((e: unknown) => e);
    await runTimers(failed);
    expect(await failed).toMatchObject({ status: 429 });
    expect(limited.tokenRequests()).toHaveLength(1);
    const broken = tokenServer({ tokenAnswers: [{ status: 500, body: { code: "x" } }, { status: 500, body: { code: "x" } }, { status: 500, body: { code: "x" } }] });
    const third = createCustomersClient({ ...partner(), fetch: broken.fetch });
    const gaveUp = third.getCustomers().catch((e: unknown) => e);
    await runTimers(gaveUp);
    expect(await gaveUp).toBeInstanceOf(InternalServerError);
  });

  it("refuses a token holding CR or LF", async () => {
    const stub = stubFetch((request) => (request.url.endsWith(AUTH) ? { body: { token: "abc\r\nX-Evil: 1" } } : ok));
    const client = createCustomersClient({ ...partner(), fetch: stub.fetch });
    await expect(client.getCustomers()).rejects.toBeInstanceOf(ValidationError);
    expect(stub.requests).toHaveLength(1);
  });

  it("lets raw calls carry the current token", async () => {
    const server = tokenServer();
    const client = createCustomersClient({ ...partner(), fetch: server.fetch });
    const { data, response } = await client.raw.GET("/aggregation/v1/customers", {});
    expect(response.status).toBe(200);
    expect(data).toEqual(ok.body);
  });
});

describe("a token function", () => {
  it("is called before each request and again once after a 401 10023", async () => {
    let n = 0;
    const stub = stubFetch((request) => (request.headers.get("Finicity-App-Token") === "fresh-2" ? ok : { status: 401, body: { code: "10023" } }));
    const client = createCustomersClient({ appKey: "k", appToken: async () => `fresh-${++n}`, fetch: stub.fetch });
    await expect(client.getCustomers()).resolves.toEqual(ok.body);
    expect(stub.requests.map((r) => r.headers.get("Finicity-App-Token"))).toEqual(["fresh-1", "fresh-2"]);
  });

  it("refuses a returned token holding LF", async () => {
    const stub = stubFetch([ok]);
    const client = createCustomersClient({ appKey: "k", appToken: () => "a\nb", fetch: stub.fetch });
    await expect(client.getCustomers()).rejects.toMatchObject({ name: "ValidationError", issues: [{ field: "appToken", rule: "header-value" }] });
    expect(stub.requests).toHaveLength(0);
  });
});
