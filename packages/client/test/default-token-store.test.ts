// The default token store (one per process, in memory): it shares a token between clients with the same
// credentials, forgets a token the API rejected, and never answers with an entry at or past its expiry.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createCustomersClient } from "../src/index.js";
import { page, stubFetch } from "./helpers.js";

const AUTH = "/aggregation/v2/partners/authentication";
const OK = page(["1"], false);

beforeEach(() => {
  vi.resetModules(); // a new default store for each test (the token modules load inside it)
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the default token store", () => {
  it("hands a token to the next client with the same credentials, and drops it once the API rejects it", async () => {
    let issued = 0;
    let revoked = "";
    const stub = stubFetch((request) => {
      if (request.url.endsWith(AUTH)) return { body: { token: `issued-${++issued}` } };
      return request.headers.get("Finicity-App-Token") === revoked ? { status: 401, body: { code: "10022" } } : { body: OK };
    });
    const options = { appKey: "app-key", partnerId: "partner-default", partnerSecret: "secret-value", fetch: stub.fetch };
    await expect(createCustomersClient(options).getCustomers()).resolves.toEqual(OK);
    const [a, b] = [createCustomersClient(options), createCustomersClient(options)];
    await expect(a.getCustomers()).resolves.toEqual(OK); // issued-1, from the store
    expect(issued).toBe(1);
    revoked = "issued-1";
    await expect(a.getCustomers()).resolves.toEqual(OK); // 401: deleted from the store, issued-2
    await expect(b.getCustomers()).resolves.toEqual(OK); // finds issued-2
    expect(issued).toBe(2);
    expect(stub.requests.map((r) => (r.url.endsWith(AUTH) ? "CreateToken" : r.headers.get("Finicity-App-Token")))).toEqual([
      "CreateToken",
      "issued-1",
      "issued-1",
      "issued-1",
      "CreateToken",
      "issued-2",
      "issued-2",
    ]);
  });

  it("answers an entry only before its expiresAt, and forgets it after", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.UTC(2030, 0, 1);
    vi.setSystemTime(start);
    const { memoryStore } = await import("../src/token-store.js");
    const entry = { token: "t", expiresAt: start + 1 };
    memoryStore.set("key", entry);
    expect(memoryStore.get("key")).toBe(entry);
    vi.setSystemTime(start + 1);
    expect(memoryStore.get("key")).toBeUndefined();
    vi.setSystemTime(start);
    expect(memoryStore.get("key")).toBeUndefined(); // gone, not only hidden
    expect(memoryStore.get("never-set")).toBeUndefined();
    memoryStore.set("other", entry);
    memoryStore.delete("other");
    expect(memoryStore.get("other")).toBeUndefined();
  });
});
