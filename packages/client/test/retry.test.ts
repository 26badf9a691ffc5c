import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  BadRequestError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  createCustomersClient,
} from "../src/index.js";
import { page, stubFetch } from "./helpers.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const ok = { body: page(["1"], false) };

/** Runs a call to its end while advancing fake time; returns its value or error. */
async function settle<T>(promise: Promise<T>): Promise<T | unknown> {
  const caught = promise.catch((error: unknown) => error);
  await vi.runAllTimersAsync();
  return caught;
}

describe("retries of GET", () => {
  it.each([408, 429, 500, 502, 503, 504])("retries %i and then succeeds", async (status) => {
    const stub = stubFetch([{ status, body: { code: "1" } }, ok]);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    await expect(settle(client.getCustomers())).resolves.toEqual(ok.body);
    expect(stub.requests).toHaveLength(2);
  });

  it.each([
    [400, BadRequestError],
    [401, Error],
    [403, Error],
    [404, NotFoundError],
  ])("never retries %i", async (status, Class) => {
    const stub = stubFetch([{ status, body: { code: "14016" } }, ok]);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    expect(await settle(client.getCustomers())).toBeInstanceOf(Class);
    expect(stub.requests).toHaveLength(1);
  });

  it("gives up after maxRetries (default 2) with the last typed error", async () => {
    const stub = stubFetch([{ status: 503, body: { code: "x" } }]);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    expect(await settle(client.getCustomers())).toBeInstanceOf(InternalServerError);
    expect(stub.requests).toHaveLength(3);
    const once = stubFetch([{ status: 429, body: { code: "x" } }]);
    const per = createCustomersClient({ appKey: "k", appToken: "t", fetch: once.fetch, maxRetries: 5 });
    expect(await settle(per.getCustomers({}, { maxRetries: 0 }))).toBeInstanceOf(RateLimitError);
    expect(once.requests).toHaveLength(1);
  });

  it("retries network errors and wraps the last one in ConnectionError", async () => {
    let calls = 0;
    const fetch = (async () => {
      calls++;
      throw new TypeError("fetch failed");
    }) as typeof globalThis.fetch;
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch, maxRetries: 1 });
    const error = await settle(client.getCustomers());
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ name: "ConnectionError" });
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    expect(calls).toBe(2);
  });

  it("backs off exponentially with jitter, capped", async () => {
    const times: number[] = [];
    const stub = stubFetch(() => {
      times.push(Date.now());
      return { status: 500, body: { code: "x" } };
    });
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch, maxRetries: 6 });
    await settle(client.getCustomers());
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    const expected = [500, 1000, 2000, 4000, 8000, 8000];
    gaps.forEach((gap, i) => {
      expect(gap).toBeLessThanOrEqual(expected[i]!);
      expect(gap).toBeGreaterThanOrEqual(expected[i]! * 0.75);
    });
  });

  it("honours Retry-After in seconds and as an HTTP date", async () => {
    const times: number[] = [];
    const stub = stubFetch((_request, index) => {
      times.push(Date.now());
      if (index === 0) return { status: 429, body: { code: "x" }, headers: { "Retry-After": "7" } };
      if (index === 1) return { status: 503, body: { code: "x" }, headers: { "Retry-After": new Date(Date.now() + 20_000).toUTCString() } };
      return ok;
    });
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    await expect(settle(client.getCustomers())).resolves.toEqual(ok.body);
    expect(times[1]! - times[0]!).toBe(7000);
    expect(times[2]! - times[1]!).toBeGreaterThan(19_000);
    expect(times[2]! - times[1]!).toBeLessThanOrEqual(20_000);
  });

  it("does not retry when Retry-After asks for more than a minute", async () => {
    const stub = stubFetch([{ status: 429, body: { code: "x" }, headers: { "Retry-After": "3600" } }, ok]);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    expect(await settle(client.getCustomers())).toBeInstanceOf(RateLimitError);
    expect(stub.requests).toHaveLength(1);
  });

  it("stops waiting and never retries once the caller aborts", async () => {
    const stub = stubFetch([{ status: 503, body: { code: "x" } }, ok]);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    const controller = new AbortController();
    const call = client.getCustomers({}, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort(new Error("user cancelled"));
    await expect(call).resolves.toMatchObject({ message: "user cancelled" });
    await vi.runAllTimersAsync();
    expect(stub.requests).toHaveLength(1);
  });
});
