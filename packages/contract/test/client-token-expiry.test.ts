// Token life against the sandbox, with the sandbox's clock injected so expiry needs no waiting: an expired
// token (401, code 10023) is renewed once and the call goes through.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthenticationError, createCustomersClient } from "@finicity-aggregation/client";
import { startMock, type RunningSandbox } from "@finicity-aggregation/mock";

const CREDENTIALS = { appKey: "expiry-app-key-19c2", partnerId: "expiry-partner-5b", partnerSecret: "expiry-secret-e83f" };
const TTL_MS = 90 * 60_000;
let clock = Date.now();
let mock: RunningSandbox;

beforeAll(async () => {
  mock = await startMock({ mode: "sandbox", port: 0, customers: 30, credentials: CREDENTIALS, tokenTtlMs: TTL_MS, now: () => clock });
});
afterAll(async () => {
  await mock?.close();
});

const tokenCalls = () => mock.sandbox.requests.filter((r) => r.method === "POST").length;
const expiredAnswers = () => mock.sandbox.requests.filter((r) => r.method === "GET" && r.status === 401).length;

describe("token expiry", () => {
  it("renews an expired token once and completes the call", async () => {
    mock.sandbox.reset();
    const client = createCustomersClient({ baseUrl: mock.url, ...CREDENTIALS, validateResponses: true });
    await expect(client.getCustomers({ limit: 5 })).resolves.toMatchObject({ displaying: 5 });
    expect(tokenCalls()).toBe(1);

    clock += TTL_MS + 1_000; // the sandbox now considers the token expired; the client's own clock has not moved
    await expect(client.getCustomers({ limit: 5 })).resolves.toMatchObject({ displaying: 5 });
    expect(expiredAnswers()).toBe(1);
    expect(tokenCalls()).toBe(2);
  });

  it("tells an expired token (10023) from an unknown one (10022) when the caller supplies the token", async () => {
    mock.sandbox.reset();
    const token = mock.sandbox.issueToken();
    const client = createCustomersClient({ baseUrl: mock.url, appKey: CREDENTIALS.appKey, appToken: token, maxRetries: 0 });
    await expect(client.getCustomers()).resolves.toBeDefined();
    clock += TTL_MS + 1_000;
    const expired = await client.getCustomers().catch((error: unknown) => error);
    expect(expired).toBeInstanceOf(AuthenticationError);
    expect(expired).toMatchObject({ status: 401, code: "10023" });
    expect(JSON.stringify(expired)).not.toContain(token);

    const unknown = await createCustomersClient({ baseUrl: mock.url, appKey: CREDENTIALS.appKey, appToken: "not-a-token-issued-here" })
      .getCustomers()
      .catch((error: unknown) => error);
    expect(unknown).toMatchObject({ status: 401, code: "10022" });
  });
});
