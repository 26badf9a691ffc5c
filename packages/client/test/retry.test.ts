import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  FinicityApiError,
  InternalServerError,
  PermissionDeniedError,
  NotFoundError,
  RateLimitError,
  createCustomersClient,
} from "../src/index.js";
import { page, settleWithFakeTimers, stubFetch } from "./helpers.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const ok = { body: page(["1"], false) };

/** Runs a call to its end while advancing fake time; returns its value or error. */
const settle = settleWithFakeTimers;

describe("retries of GET", () => {
  it.each([408, 429, 500, 502, 503, 504])("retries %i and then succeeds", async (status) => {
    const stub = stubFetch([{ status, body: { code: "1" } }, ok]);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    await expect(settle(client.getCustomers())).resolves.toEqual(ok.body);
    expect(stub.requests).toHaveLength(2);
  });

  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
  ])("never retries %i", async (status, Class) => {
    const stub = stubFetch([{ status, body: { code: "14016" } }, ok]);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    const error = await settle(client.getCustomers());
    expect(error).toBeInstanceOf(Class);
    expect((error as Error).name).toBe(Class.name);
    expect(stub.requests).toHaveLength(1);
  });

  it.each([418, 409, 499])("never retries %i (a 4xx with no class of its own: FinicityApiError)", async (status) => {
    const stub = stubFetch([{ status, body: { code: "1" } }, ok]);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    const error = await settle(client.getCustomers());
    expect(error).toBeInstanceOf(FinicityApiError);
    expect((error as Error).name).toBe("FinicityApiError");
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
    expect(gaps).toHaveLength(expected.length);
    gaps.forEach((gap, i) => {
      expect(gap).toBeLessThanOrEqual(expected[i]!);
      expect(gap).toBeGreaterThanOrEqual(expected[i]! * 0.75);
    });
  });

  it("takes up to 25 % off each delay at random (the jitter), never more", async () => {
    const random = vi.spyOn(Math, "random");
    try {
      for (const [r, gap] of [[0, 500], [0.999999, 375]] as const) {
        random.mockReturnValue(r);
        const times: number[] = [];
        const stub = stubFetch((_request, index) => {
          times.push(Date.now());
          return index === 0 ? { status: 500, body: { code: "x" } } : ok;
        });
        const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
        await settle(client.getCustomers());
        expect(Math.round(times[1]! - times[0]!), `Math.random() = ${r}`).toBe(gap);
      }
    } finally {
      random.mockRestore();
    }
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

  it("waits a Retry-After of exactly 60 s, the longest it honours", async () => {
    const times: number[] = [];
    const stub = stubFetch((_request, index) => {
      times.push(Date.now());
      return index === 0 ? { status: 503, body: { code: "x" }, headers: { "Retry-After": "60" } } : ok;
    });
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    await expect(settle(client.getCustomers())).resolves.toEqual(ok.body);
    expect(times[1]! - times[0]!).toBe(60_000);
  });

  it("does not retry when Retry-After asks for 60.001 s", async () => {
    const stub = stubFetch([{ status: 503, body: { code: "x" }, headers: { "Retry-After": "60.001" } }, ok]);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    expect(await settle(client.getCustomers())).toBeInstanceOf(InternalServerError);
    expect(stub.requests).toHaveLength(1);
  });

  it.each([
    ["0", () => "0"],
    ["a date in the past", () => new Date(Date.now() - 30_000).toUTCString()],
  ])("retries at once for a Retry-After of %s", async (_name, retryAfter) => {
    const times: number[] = [];
    const stub = stubFetch((_request, index) => {
      times.push(Date.now());
      return index === 0 ? { status: 429, body: { code: "x" }, headers: { "Retry-After": retryAfter() } } : ok;
    });
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    await expect(settle(client.getCustomers())).resolves.toEqual(ok.body);
    expect(times[1]! - times[0]!).toBe(0);
  });

  it("backs off as usual when Retry-After is neither seconds nor a date", async () => {
    const random = vi.spyOn(Math, "random").mockReturnValue(0);
    try {
      const times: number[] = [];
      const stub = stubFetch((_request, index) => {
        times.push(Date.now());
        return index === 0 ? { status: 503, body: { code: "x" }, headers: { "Retry-After": "soon" } } : ok;
      });
      const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
      await expect(settle(client.getCustomers())).resolves.toEqual(ok.body);
      expect(times[1]! - times[0]!).toBe(500);
    } finally {
      random.mockRestore();
    }
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
