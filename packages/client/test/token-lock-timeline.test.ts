// The CreateToken lock in a shared token store, call by call on fake time: taking the lock (LOCK_MS), the settle
// wait (SETTLE_MS + twice the store's round trips), waiting out another process's lock (50 ms doubling to 1 s),
// and a lock found exactly at its expiry.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createCustomersClient } from "../src/index.js";
import { page, settleWithFakeTimers, stubFetch } from "./helpers.js";
import { memoryLogger } from "./api-server.js";
import { loadBodyReader, scriptedStore, storeKeyOf, type ScriptedStore } from "./store-script.js";

const AUTH = "/aggregation/v2/partners/authentication";
const START = Date.UTC(2030, 0, 1);
const BASE = "https://api.example.test";
const AU_RENEW_MS = 85 * 60_000;
const credentials = { appKey: "app-key", partnerId: "partner-lock", partnerSecret: "secret-value" };
const KEY = storeKeyOf(["au", BASE, credentials.partnerId, credentials.appKey]);

beforeAll(loadBodyReader);
beforeEach(() => {
  // Each test loads the token modules anew (their module-level code runs inside the test).
  vi.resetModules();
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  vi.setSystemTime(START);
});
afterEach(() => {
  vi.useRealTimers();
});

/** A client on `store`: CreateToken answers `issued-<n>`; GetCustomers accepts any token. Records both. */
function clientOn(store: ScriptedStore) {
  const tokenCalls: number[] = [];
  const used: string[] = [];
  const stub = stubFetch((request) => {
    if (new URL(request.url).pathname === AUTH) {
      tokenCalls.push(Date.now() - START);
      store.log.push(`${Date.now() - START} CreateToken`);
      return { body: { token: `issued-${tokenCalls.length}` } };
    }
    used.push(request.headers.get("Finicity-App-Token")!);
    return { body: page(["1"], false) };
  });
  const logger = memoryLogger();
  const client = createCustomersClient({ ...credentials, baseUrl: BASE, fetch: stub.fetch, tokenStore: store, logger });
  return { client, tokenCalls, used, logger };
}

const lockValue = (expiresAt: number) => ({ lock: expect.stringMatching(/^[0-9a-f]{32}$/), expiresAt });

describe("the CreateToken lock", () => {
  it("takes the lock, waits SETTLE_MS plus twice the round trips, checks it is still its own, then calls", async () => {
    const store = scriptedStore(START, { delayMs: 10 });
    const { client, used, logger } = clientOn(store);
    await expect(settleWithFakeTimers(client.getCustomers())).resolves.toEqual(page(["1"], false));
    // get lock at 10 (started), set done at 30: sleep 100 + 2 * 20 = 140, so the lock is read again at 170.
    expect(store.log).toEqual(["0 get token", "10 get lock", "20 set lock", "170 get lock", "180 CreateToken", "180 set token", "190 delete lock"]);
    expect(store.writes).toEqual([
      { key: `${KEY}:lock`, value: lockValue(START + 20 + 10_000), ttl: 10_000 },
      { key: KEY, value: { token: "issued-1", expiresAt: START + 180 + AU_RENEW_MS }, ttl: AU_RENEW_MS },
    ]);
    expect(store.map.has(`${KEY}:lock`)).toBe(false);
    expect(used).toEqual(["issued-1"]);
    expect(logger.of("warn")).toEqual([]);
  });

  it("waits for another process's live lock, polling after 50, 100, 200, 400, 800, 1000, 1000 ms, and uses its token", async () => {
    const store = scriptedStore(START, {
      before: (ms, map) => {
        if (ms === 0) map.set(`${KEY}:lock`, { lock: "other-process", expiresAt: START + 10_000 });
        if (ms >= 3000) map.set(KEY, { token: "from-other", expiresAt: START + 3000 + AU_RENEW_MS });
      },
    });
    const { client, tokenCalls, used, logger } = clientOn(store);
    await expect(settleWithFakeTimers(client.getCustomers())).resolves.toEqual(page(["1"], false));
    const polls = [50, 150, 350, 750, 1550, 2550].flatMap((ms) => [`${ms} get token`, `${ms} get lock`]);
    expect(store.log).toEqual(["0 get token", "0 get lock", ...polls, "3550 get token"]);
    expect(store.writes).toEqual([]);
    expect(tokenCalls).toEqual([]);
    expect(used).toEqual(["from-other"]);
    expect(logger.of("warn")).toEqual([]);
  });

  it("calls once another process's lock reaches its expiry while it waits, and leaves that lock alone", async () => {
    const store = scriptedStore(START);
    store.map.set(`${KEY}:lock`, { lock: "other-process", expiresAt: START + 150 });
    const { client, tokenCalls, used } = clientOn(store);
    await expect(settleWithFakeTimers(client.getCustomers())).resolves.toEqual(page(["1"], false));
    expect(store.log).toEqual(["0 get token", "0 get lock", "50 get token", "50 get lock", "150 get token", "150 get lock", "150 CreateToken", "150 set token"]);
    expect(tokenCalls).toEqual([150]);
    expect(store.map.get(`${KEY}:lock`)).toEqual({ lock: "other-process", expiresAt: START + 150 });
    expect(used).toEqual(["issued-1"]);
  });

  it("treats a lock and a token found exactly at their expiry as gone: takes the lock and calls", async () => {
    const store = scriptedStore(START);
    store.map.set(KEY, { token: "stale", expiresAt: START });
    store.map.set(`${KEY}:lock`, { lock: "other-process", expiresAt: START });
    const { client, used } = clientOn(store);
    await expect(settleWithFakeTimers(client.getCustomers())).resolves.toEqual(page(["1"], false));
    expect(store.log).toEqual(["0 get token", "0 get lock", "0 set lock", "100 get lock", "100 CreateToken", "100 set token", "100 delete lock"]);
    expect(store.writes[0]).toEqual({ key: `${KEY}:lock`, value: lockValue(START + 10_000), ttl: 10_000 });
    expect(used).toEqual(["issued-1"]);
  });

  it("takes over a lock past its expiry", async () => {
    const store = scriptedStore(START);
    store.map.set(`${KEY}:lock`, { lock: "other-process", expiresAt: START - 1 });
    const { client, tokenCalls } = clientOn(store);
    await expect(settleWithFakeTimers(client.getCustomers())).resolves.toEqual(page(["1"], false));
    expect(store.log).toEqual(["0 get token", "0 get lock", "0 set lock", "100 get lock", "100 CreateToken", "100 set token", "100 delete lock"]);
    expect(tokenCalls).toEqual([100]);
  });

  it("takes no lock on the default store (one process): calls at once", async () => {
    const tokenCalls: number[] = [];
    const stub = stubFetch((request) => {
      if (new URL(request.url).pathname === AUTH) return tokenCalls.push(Date.now() - START), { body: { token: "own" } };
      return { body: page(["1"], false) };
    });
    const client = createCustomersClient({ ...credentials, partnerId: "partner-default-store", baseUrl: BASE, fetch: stub.fetch });
    await expect(settleWithFakeTimers(client.getCustomers())).resolves.toEqual(page(["1"], false));
    expect(tokenCalls).toEqual([0]);
  });
});
