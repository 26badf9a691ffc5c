// The log lines of an attempt that got no answer (a network error): the debug line says "no answer" and
// "request id none" with the attempt's own duration, and the warn line gives up naming the error's class.
import { describe, expect, it } from "vitest";
import { ConnectionError, createCustomersClient } from "../src/index.js";

describe("log lines of an attempt without an answer", () => {
  it("debug: `-> no answer`, the attempt's milliseconds, request id none; warn: giving up (ConnectionError)", async () => {
    const lines: string[] = [];
    const logger = { debug: (l: string) => lines.push(`debug ${l}`), info: (l: string) => lines.push(`info ${l}`), warn: (l: string) => lines.push(`warn ${l}`), error: (l: string) => lines.push(`error ${l}`) };
    const fetch = (async () => {
      throw new TypeError("fetch failed");
    }) as typeof globalThis.fetch;
    const client = createCustomersClient({ baseUrl: "https://api.example.com", appKey: "k", appToken: "t", fetch, logger, logLevel: "debug", maxRetries: 0 });
    await expect(client.getCustomers({ start: 2 })).rejects.toBeInstanceOf(ConnectionError);
    expect(lines).toEqual([
      // A duration, not a clock: a few milliseconds at most for an attempt that failed at once.
      expect.stringMatching(/^debug \[finicity\] GET \/aggregation\/v1\/customers\?start=2 -> no answer, attempt 1 of 1, \d{1,4} ms, request id none$/),
      "warn [finicity] GET /aggregation/v1/customers?start=2: giving up after 1 attempts (ConnectionError)",
    ]);
  });
});
