// What one call leaves behind and how its attempts are counted: a token renewal after a 401 is not a retry, and
// an attempt's timer and its listener on the caller's signal are released whatever the outcome.
import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { InternalServerError, createCustomersClient } from "../src/index.js";
import { page, settleWithFakeTimers, stubFetch } from "./helpers.js";

const AUTH = "/aggregation/v2/partners/authentication";
const ok = { body: page(["1"], false) };

afterEach(() => {
  vi.useRealTimers();
});

/** Runs fake timers until `promise` settles (between timers, real async work such as Web Crypto goes on). */
const settle = settleWithFakeTimers;

describe("a token renewal after a 401", () => {
  /** CreateToken hands out token-1, token-2, ...; GETs answer from `gets` in turn (the last repeats). */
  function server(gets: Array<(token: string | null) => { status?: number; body?: unknown }>) {
    let issued = 0;
    let index = 0;
    const stub = stubFetch((request) => {
      if (new URL(request.url).pathname === AUTH) return { body: { token: `token-${++issued}` } };
      return gets[Math.min(index++, gets.length - 1)]!(request.headers.get("Finicity-App-Token"));
    });
    return { ...stub, gets: () => stub.requests.filter((r) => !r.url.endsWith(AUTH)), tokens: () => stub.requests.filter((r) => r.url.endsWith(AUTH)).length };
  }
  const rejected = () => ({ status: 401, body: { code: "10023", message: "Token has expired" } });
  const failed = () => ({ status: 503, body: { code: "x" } });

  it("does not use up a retry: 401, renewal, then maxRetries 5xx answers, then success", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const stub = server([rejected, failed, failed, () => ok]);
    const client = createCustomersClient({ appKey: "k", partnerId: "p", partnerSecret: "s", tokenStore: new Map(), fetch: stub.fetch, maxRetries: 2 });
    await expect(settle(client.getCustomers())).resolves.toEqual(ok.body);
    expect(stub.gets().map((r) => r.headers.get("Finicity-App-Token"))).toEqual(["token-1", "token-2", "token-2", "token-2"]);
    expect(stub.tokens()).toBe(2);
  });

  it("happens once per call: a second 401 is thrown", async () => {
    const stub = server([rejected]);
    const client = createCustomersClient({ appKey: "k", partnerId: "p", partnerSecret: "s", tokenStore: new Map(), fetch: stub.fetch });
    const error = await client.getCustomers().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "AuthenticationError", status: 401, code: "10023" });
    expect(stub.gets()).toHaveLength(2);
    expect(stub.tokens()).toBe(2);
  });

  it("still ends after maxRetries 5xx answers", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const stub = server([rejected, failed]);
    const client = createCustomersClient({ appKey: "k", partnerId: "p", partnerSecret: "s", tokenStore: new Map(), fetch: stub.fetch, maxRetries: 1 });
    expect(await settle(client.getCustomers())).toBeInstanceOf(InternalServerError);
    expect(stub.gets()).toHaveLength(3);
  });
});

describe("after a call", () => {
  it.each([
    ["a success", [ok]],
    ["a retry, then a success", [{ status: 503, body: { code: "x" } }, ok]],
    ["an error", [{ status: 400, body: { code: "41003" } }]],
  ])("no timer is left and no listener stays on the caller's signal (%s)", async (_name, answers) => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const controller = new AbortController();
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stubFetch(answers).fetch });
    await settle(client.getCustomers({}, { signal: controller.signal }));
    expect(vi.getTimerCount()).toBe(0);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("no timer is left after a call that failed to connect", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const controller = new AbortController();
    const fetch = (async () => {
      throw new TypeError("fetch failed");
    }) as typeof globalThis.fetch;
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch, maxRetries: 1 });
    await settle(client.getCustomers({}, { signal: controller.signal }));
    expect(vi.getTimerCount()).toBe(0);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});
