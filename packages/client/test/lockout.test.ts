// The lockout guard: a CreateToken 401 is recorded in the token store, and clients holding the same credentials
// then fail at once instead of spending more of the five failed authentications that lock a partner account.
import { afterEach, describe, expect, it, vi } from "vitest";
import { AuthenticationError, createCustomersClient } from "../src/index.js";
import { memoryLogger, recordingStore, startApiServer, type ApiServer } from "./api-server.js";

const GOOD = 'good"secret-1';
let server: ApiServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = undefined;
});

describe("lockout guard", { timeout: 30_000 }, () => {
  it("five clients on one store, a wrong secret, all calling together: one CreateToken, five AuthenticationErrors", async () => {
    server = await startApiServer({ secret: GOOD });
    const tokenStore = recordingStore();
    const logger = memoryLogger();
    const options = { baseUrl: server.url, appKey: "app-key", partnerId: "p-five", partnerSecret: "wrong-secret", tokenStore, logger, logLevel: "error" as const };
    const clients = Array.from({ length: 5 }, () => createCustomersClient(options));
    const errors = await Promise.all(clients.map((client) => client.getCustomers().catch((e: unknown) => e)));
    expect(server.tokenCalls).toEqual(["wrong-secret"]);
    for (const error of errors) expect(error).toBeInstanceOf(AuthenticationError);

    // Later calls, from these clients or new ones, fail at once without calling CreateToken.
    const later = await createCustomersClient(options).getCustomers().catch((e: unknown) => e);
    const again = await clients[0]!.getCustomers().catch((e: unknown) => e);
    expect(server.tokenCalls).toHaveLength(1);
    for (const error of [later, again]) {
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error).toMatchObject({ status: 401, message: expect.stringMatching(/^CreateToken rejected these partner credentials at \d{4}-.*Z .*Fix partnerId\/partnerSecret .* wait until \d{4}-/) });
    }
    expect(JSON.stringify([later, again, (later as Error).message])).not.toContain("wrong-secret");
    expect(logger.lines).toEqual([
      { level: "error", line: "[finicity] CreateToken rejected the partner credentials (HTTP 401); clients sharing the token store will not try them again for 60 minutes (a new secret is tried at once)" },
    ]);
  });

  it("is lifted at once by a new secret", async () => {
    server = await startApiServer({ secret: GOOD });
    const tokenStore = recordingStore();
    const options = { baseUrl: server.url, appKey: "app-key", partnerId: "p-fix", tokenStore };
    await expect(createCustomersClient({ ...options, partnerSecret: "wrong-secret" }).getCustomers()).rejects.toBeInstanceOf(AuthenticationError);
    await expect(createCustomersClient({ ...options, partnerSecret: GOOD }).getCustomers()).resolves.toMatchObject({ displaying: 1 });
    expect(server.tokenCalls).toEqual(["wrong-secret", GOOD]);
  });

  it("lasts an hour, then lets one call through", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    server = await startApiServer({ secret: GOOD });
    const options = { baseUrl: server.url, appKey: "app-key", partnerId: "p-hour", partnerSecret: "wrong-secret", tokenStore: recordingStore() };
    await createCustomersClient(options).getCustomers().catch(() => undefined);
    vi.setSystemTime(Date.now() + 59 * 60_000);
    await expect(createCustomersClient(options).getCustomers()).rejects.toThrow(/^CreateToken rejected/);
    expect(server.tokenCalls).toHaveLength(1);
    vi.setSystemTime(Date.now() + 2 * 60_000);
    await expect(createCustomersClient(options).getCustomers()).rejects.toThrow(/^HTTP 401, code 24302/);
    expect(server.tokenCalls).toHaveLength(2);
  });

  it("guards clients on the default store too (same process, same credentials)", async () => {
    server = await startApiServer({ secret: GOOD });
    const options = { baseUrl: server.url, appKey: "app-key", partnerId: "p-default", partnerSecret: "wrong-secret" };
    await createCustomersClient(options).getCustomers().catch(() => undefined);
    await expect(createCustomersClient(options).getCustomers()).rejects.toThrow(/^CreateToken rejected/);
    expect(server.tokenCalls).toHaveLength(1);
  });
});
