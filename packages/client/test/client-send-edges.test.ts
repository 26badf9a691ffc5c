// The attempt loop of src/client.ts at its edges: the request it hands to fetch, the debug line's timing (also
// for an attempt with no answer), a caller's abort during an attempt, renewal only on 401, the giving-up warning
// only for retryable failures, and the code a ConnectionError takes from the failure's cause chain.
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConnectionError, createCustomersClient, type CustomersClientOptions } from "../src/index.js";
import { memoryLogger } from "./api-server.js";
import { page, stubFetch } from "./helpers.js";

afterEach(() => {
  vi.useRealTimers();
});

const base = { appKey: "k", appToken: "t", baseUrl: "https://api.example.com" } satisfies CustomersClientOptions;

describe("the request", () => {
  it("is one fetch(url, init) with the URL as a string and the client's headers", async () => {
    const fetch = vi.fn(async (_input: unknown, _init?: RequestInit) => Response.json(page([], false)));
    await createCustomersClient({ ...base, fetch: fetch as typeof globalThis.fetch }).getCustomers({ start: 2 });
    expect(fetch).toHaveBeenCalledTimes(1);
    const [input, init] = fetch.mock.calls[0]!;
    expect(input).toBe("https://api.example.com/aggregation/v1/customers?start=2");
    expect(new Headers(init!.headers).get("Finicity-App-Token")).toBe("t");
    expect(new Headers(init!.headers).get("App-Key")).toBe("k");
  });
});

describe("debug lines", () => {
  it("time each attempt from its start, answered or not", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(1_000_000);
    const logger = memoryLogger();
    const answered = createCustomersClient({ ...base, logger, logLevel: "debug", fetch: stubFetch([{ body: page([], false) }]).fetch });
    await answered.getCustomers();
    const fetch = (async () => {
      throw new TypeError("fetch failed");
    }) as typeof globalThis.fetch;
    const failing = createCustomersClient({ ...base, logger, logLevel: "debug", maxRetries: 0, fetch });
    await expect(failing.getCustomers()).rejects.toThrow(new ConnectionError("Request to api.example.com failed: TypeError: fetch failed"));
    expect(logger.of("debug")).toEqual([
      "[finicity] GET /aggregation/v1/customers -> 200, attempt 1 of 3, 0 ms, request id none",
      "[finicity] GET /aggregation/v1/customers -> no answer, attempt 1 of 1, 0 ms, request id none",
    ]);
  });
});

describe("a caller's abort during an attempt", () => {
  it.each([0, 2])("rejects with the caller's reason at once, no retry and no log line (maxRetries %i)", async (maxRetries) => {
    const caller = new AbortController();
    const reason = new Error("caller gave up");
    const fetch = vi.fn(async () => {
      caller.abort(reason);
      throw new TypeError("fetch failed");
    });
    const logger = memoryLogger();
    const client = createCustomersClient({ ...base, logger, logLevel: "info", maxRetries, fetch: fetch as typeof globalThis.fetch });
    await expect(client.getCustomers({}, { signal: caller.signal })).rejects.toBe(reason);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(logger.lines).toEqual([]);
  });
});

describe("token renewal", () => {
  it("happens on a 401 only: a 403 with a token-rejected code is final", async () => {
    const appToken = vi.fn(() => "tok");
    const stub = stubFetch([{ status: 403, body: { code: "10022", message: "forbidden" } }]);
    const client = createCustomersClient({ ...base, appToken, maxRetries: 0, fetch: stub.fetch });
    await expect(client.getCustomers()).rejects.toMatchObject({ status: 403 });
    expect(stub.requests.length).toBe(1);
    expect(appToken).toHaveBeenCalledTimes(1);
  });
});

describe("the giving-up warning", () => {
  it("is written for a retryable failure only, not for a final answer", async () => {
    const logger = memoryLogger();
    const final = createCustomersClient({ ...base, logger, fetch: stubFetch([{ status: 400, body: { code: "400", message: "bad" } }]).fetch });
    await expect(final.getCustomers()).rejects.toMatchObject({ status: 400 });
    expect(logger.lines).toEqual([]);
    const retryable = createCustomersClient({ ...base, logger, maxRetries: 0, fetch: stubFetch([{ status: 503, body: { code: "503" } }]).fetch });
    await expect(retryable.getCustomers()).rejects.toMatchObject({ status: 503 });
    expect(logger.lines).toEqual([{ level: "warn", line: "[finicity] GET /aggregation/v1/customers: giving up after 1 attempts (HTTP 503)" }]);
  });
});

describe("ConnectionError codes", () => {
  /** A chain of `length` errors, each the cause of the one before; `code` on the one at `codeAt`. */
  function chain(length: number, codeAt: number): Error {
    const errors = Array.from({ length }, (_, i) => Object.assign(new Error(`e${i}`), i === codeAt ? { code: `CODE${i}` } : {}));
    errors.forEach((error, i) => (error.cause = errors[i + 1]));
    return errors[0]!;
  }
  const failWith = async (failure: unknown) => {
    const fetch = (async () => {
      throw failure;
    }) as typeof globalThis.fetch;
    return ((await createCustomersClient({ ...base, maxRetries: 0, fetch }).getCustomers().catch((e: unknown) => e)) as Error).message;
  };

  it("takes the first code among the failure and its first eight causes", async () => {
    expect(await failWith(chain(12, 8))).toBe("Request to api.example.com failed (CODE8): Error: e0");
    expect(await failWith(chain(12, 9))).toBe("Request to api.example.com failed: Error: e0");
  });

  it("stops on a cause chain that loops", async () => {
    const looped = new Error("loop");
    looped.cause = looped;
    expect(await failWith(looped)).toBe("Request to api.example.com failed: Error: loop");
  });
});
