// What a client writes to and reads from a shared token store, exactly: the store key, a failing store's warn
// line, renewal after a 401 (a token another request already replaced, a store that lost the entry), one
// CreateToken in flight per credentials, a 401 from CreateToken versus other errors, and expiry boundaries.
import { pbkdf2Sync } from "node:crypto";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { AuthenticationError, BadRequestError, createCustomersClient, type CustomersClientOptions, type TokenStore } from "../src/index.js";
import { memoryLogger } from "./api-server.js";
import { page, settleWithFakeTimers, stubFetch } from "./helpers.js";
import { loadBodyReader, scriptedStore, storeKeyOf } from "./store-script.js";

const AUTH = "/aggregation/v2/partners/authentication";
const START = Date.UTC(2030, 0, 1);
const BASE = "https://api.example.test";
const AU_RENEW_MS = 85 * 60_000;
const OK = page(["1"], false);
const credentials = { appKey: "app-key", partnerId: "partner-edges", partnerSecret: "secret-value" };
const KEY = storeKeyOf(["au", BASE, credentials.partnerId, credentials.appKey]);
const hex = (length: number) => expect.stringMatching(new RegExp(`^[0-9a-f]{${length}}$`));

beforeAll(loadBodyReader);
beforeEach(() => {
  vi.resetModules(); // the token modules load inside each test
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  vi.setSystemTime(START);
});
afterEach(() => {
  vi.useRealTimers();
});

/**
 * An API: CreateToken answers `issued-<n>` (or the scripted `tokenAnswers` in turn); GetCustomers accepts a
 * token unless `accepts` says no (then a 401 10022).
 */
function api(options: { accepts?: (token: string) => boolean | Promise<boolean>; tokenAnswers?: Array<{ status: number; body: unknown }> } = {}) {
  const tokenCalls: Array<{ partnerId: string; at: number }> = [];
  const used: string[] = [];
  let issued = 0;
  const stub = stubFetch(async (request) => {
    if (new URL(request.url).pathname.endsWith(AUTH)) {
      tokenCalls.push({ partnerId: ((await request.clone().json()) as { partnerId: string }).partnerId, at: Date.now() - START });
      return options.tokenAnswers?.[tokenCalls.length - 1] ?? { body: { token: `issued-${++issued}` } };
    }
    const token = request.headers.get("Finicity-App-Token")!;
    used.push(token);
    return (await (options.accepts ?? (() => true))(token)) ? { body: OK } : { status: 401, body: { code: "10022", message: "Invalid token" } };
  });
  return { fetch: stub.fetch, tokenCalls, used };
}

const client = (options: Partial<CustomersClientOptions>) => createCustomersClient({ ...credentials, baseUrl: BASE, ...options });
const run = <T>(promise: Promise<T>) => settleWithFakeTimers(promise);

describe("a shared token store", () => {
  it("is keyed by SHA-256 of region (default au), base URL without trailing slashes, partner ID and app key", async () => {
    // (This key's hex has bytes below 0x10: each byte is two digits.)
    expect(KEY.slice(15).match(/../g)!.some((byte) => byte.startsWith("0"))).toBe(true);
    const store = scriptedStore(START);
    const { fetch, used } = api();
    await expect(run(client({ baseUrl: `${BASE}//`, fetch, tokenStore: store }).getCustomers())).resolves.toEqual(OK);
    expect(store.writes).toEqual([
      { key: `${KEY}:lock`, value: { lock: hex(32), expiresAt: START + 10_000 }, ttl: 10_000 },
      { key: KEY, value: { token: "issued-1", expiresAt: START + 100 + AU_RENEW_MS }, ttl: AU_RENEW_MS },
    ]);
    expect(used).toEqual(["issued-1"]);
  });

  it.each([
    ["a class and a code", { name: "RedisError", code: "ECONNREFUSED" }, "RedisError ECONNREFUSED"],
    ["a class name with a space", Object.assign(new Error("holds tok-123"), { name: "Store Error", code: "ECONNRESET" }), "ECONNRESET"],
    ["a code over 40 characters", { name: "TypeError", code: "E".repeat(41) }, "TypeError"],
  ])("that throws %s: one warn line naming only well-formed class and code, and the client's own token", async (_, thrown, named) => {
    const fail = () => Promise.reject(thrown);
    const logger = memoryLogger();
    const { fetch, tokenCalls, used } = api();
    const c = client({ fetch, logger, tokenStore: { get: fail, set: fail, delete: fail } });
    await expect(run(c.getCustomers())).resolves.toEqual(OK);
    await expect(run(c.getCustomers())).resolves.toEqual(OK);
    expect(logger.lines).toEqual([{ level: "warn", line: `[finicity] token store get failed (${named}); using this client's own token` }]);
    expect(tokenCalls).toHaveLength(1);
    expect(used).toEqual(["issued-1", "issued-1"]);
  });

  it("that throws, with warnings off (logLevel error): still the client's own token, nothing logged", async () => {
    const logger = memoryLogger();
    const { fetch, used } = api();
    const tokenStore: TokenStore = { get: () => { throw new Error("down"); }, set: () => undefined, delete: () => undefined };
    await expect(run(client({ fetch, logger, logLevel: "error", tokenStore }).getCustomers())).resolves.toEqual(OK);
    expect(logger.lines).toEqual([]);
    expect(used).toEqual(["issued-1"]);
  });

  it("after a 401 on a token another request already replaced: keeps the new one, deletes nothing more", async () => {
    const store = scriptedStore(START);
    let release!: () => void;
    const replaced = new Promise<void>((resolve) => (release = resolve));
    let rejections = 0;
    const { fetch, tokenCalls, used } = api({
      accepts: async (token) => {
        if (token === "issued-2") return release(), true;
        if (++rejections === 2) await replaced; // the second request's 401 comes once issued-2 is in use
        return false;
      },
    });
    const c = client({ fetch, tokenStore: store });
    await expect(run(Promise.all([c.getCustomers(), c.getCustomers()]))).resolves.toEqual([OK, OK]);
    expect(used).toEqual(["issued-1", "issued-1", "issued-2", "issued-2"]);
    expect(tokenCalls.map((call) => call.at)).toEqual([100, 200]);
    const takeLockAndCall = (at: number) => [`${at} get token`, `${at} get lock`, `${at} set lock`, `${at + 100} get lock`, `${at + 100} set token`, `${at + 100} delete lock`];
    expect(store.log).toEqual([
      ...takeLockAndCall(0),
      "100 get token", // the first 401: issued-1 is still there, so it goes
      "100 delete token",
      ...takeLockAndCall(100),
      "200 get token", // the second 401: the store holds issued-2 now, which stays; the client keeps it too
    ]);
  });

  it("after a 401, when the store no longer holds the token: renews", async () => {
    const store = scriptedStore(START, { before: (_, map) => map.delete(KEY) }); // loses every token at once
    const { fetch, tokenCalls, used } = api({ accepts: (token) => token !== "issued-1" });
    await expect(run(client({ fetch, tokenStore: store }).getCustomers())).resolves.toEqual(OK);
    expect(tokenCalls).toHaveLength(2);
    expect(used).toEqual(["issued-1", "issued-2"]);
  });

  it("lets concurrent clients with other credentials make their own CreateToken, not share one", async () => {
    const store = scriptedStore(START);
    const { fetch, tokenCalls, used } = api();
    const [a, b] = [client({ fetch, tokenStore: store }), client({ fetch, tokenStore: store, partnerId: "partner-other" })];
    await expect(run(Promise.all([a.getCustomers(), b.getCustomers()]))).resolves.toEqual([OK, OK]);
    expect(tokenCalls.map((call) => call.partnerId).sort()).toEqual(["partner-edges", "partner-other"]);
    expect(used.sort()).toEqual(["issued-1", "issued-2"]);
  });

  it("records no lockout when CreateToken fails otherwise than 401: the next client calls again", async () => {
    const store = scriptedStore(START);
    const logger = memoryLogger();
    const { fetch, tokenCalls } = api({ tokenAnswers: [{ status: 400, body: { code: "10001", message: "bad request" } }] });
    const error = await run(client({ fetch, tokenStore: store, logger }).getCustomers());
    expect(error).toBeInstanceOf(BadRequestError);
    expect(store.writes.map((write) => write.key)).toEqual([`${KEY}:lock`]);
    expect(logger.lines).toEqual([]);
    await expect(run(client({ fetch, tokenStore: store }).getCustomers())).resolves.toEqual(OK);
    expect(tokenCalls).toHaveLength(2);
  });

  it("records a CreateToken 401 as a salted tag for LOCKOUT_MS, also with logging off", async () => {
    const store = scriptedStore(START);
    const { fetch, tokenCalls } = api({ tokenAnswers: [{ status: 401, body: { code: "24302", message: "Invalid credentials" } }] });
    const error = await run(client({ fetch, tokenStore: store, logLevel: "off" }).getCustomers());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: "24302" });
    expect(store.writes[1]).toEqual({ key: KEY, value: { rejectedAt: START + 100, expiresAt: START + 100 + 3_600_000, salt: hex(32), tag: hex(64) }, ttl: 3_600_000 });
    expect(tokenCalls).toHaveLength(1);
  });

  it("holds back only clients with the rejected secret: another secret calls CreateToken", async () => {
    const store = scriptedStore(START);
    const { fetch, tokenCalls, used } = api({ tokenAnswers: [{ status: 401, body: { code: "24302", message: "Invalid credentials" } }] });
    const rejected = await run(client({ fetch, tokenStore: store, partnerSecret: "wrong-secret", logLevel: "off" }).getCustomers());
    expect(rejected).toBeInstanceOf(AuthenticationError);
    await expect(run(client({ fetch, tokenStore: store }).getCustomers())).resolves.toEqual(OK);
    expect(tokenCalls).toHaveLength(2);
    expect(used).toEqual(["issued-1"]);
  });

  it("takes an entry whose salt is not a string for no rejection, even when its tag would match", async () => {
    const store = scriptedStore(START);
    const tag = pbkdf2Sync(JSON.stringify([credentials.appKey, credentials.partnerSecret]), "5", 100_000, 32, "sha256").toString("hex");
    store.map.set(KEY, { rejectedAt: START, expiresAt: START + 3_600_000, salt: 5, tag });
    const { fetch, tokenCalls, used } = api();
    await expect(run(client({ fetch, tokenStore: store }).getCustomers())).resolves.toEqual(OK);
    expect(tokenCalls).toHaveLength(1);
    expect(used).toEqual(["issued-1"]);
  });

  it("renews exactly at a token's renewal time: neither the client's copy nor the store's is used then", async () => {
    const store = scriptedStore(START);
    const { fetch, tokenCalls, used } = api();
    const c = client({ fetch, tokenStore: store });
    await run(c.getCustomers());
    vi.setSystemTime(START + 100 + AU_RENEW_MS - 1);
    await run(c.getCustomers());
    expect(tokenCalls).toHaveLength(1);
    vi.setSystemTime(START + 100 + AU_RENEW_MS);
    await expect(run(c.getCustomers())).resolves.toEqual(OK);
    expect(tokenCalls).toHaveLength(2);
    expect(used).toEqual(["issued-1", "issued-1", "issued-2"]);
  });
});
