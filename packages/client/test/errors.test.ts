import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";
import { createCustomersClient } from "../src/index.js";
import { stubFetch } from "./helpers.js";

const SECRETS = { appKey: "KEY-5f1e2d3c", appToken: "TOKEN-9a8b7c6d", partnerSecret: "SECRET-0123abcd" };
const leaks = (text: string) => Object.values(SECRETS).filter((s) => text.includes(s));

describe("error classes", () => {
  it("exports each class by name, and each name equals its class name", () => {
    const names = [
      "FinicityError", "FinicityApiError", "BadRequestError", "AuthenticationError", "PermissionDeniedError", "NotFoundError",
      "RateLimitError", "InternalServerError", "ResponseValidationError", "ConnectionError", "TimeoutError", "ValidationError", "PaginationError",
    ] as const;
    for (const name of names) {
      const Class = api[name] as unknown as new (...args: unknown[]) => Error;
      const instance =
        name === "ValidationError" ? new Class([]) : name === "ResponseValidationError" ? new Class([], 200, {}, undefined) : new Class(500, {}, undefined);
      expect(instance.name).toBe(name);
      expect(instance).toBeInstanceOf(api.FinicityError);
    }
  });

  it.each([
    [400, api.BadRequestError],
    [401, api.AuthenticationError],
    [403, api.PermissionDeniedError],
    [404, api.NotFoundError],
    [429, api.RateLimitError],
    [502, api.InternalServerError],
    [418, api.FinicityApiError],
  ])("maps %i to its class, with code, message and request id", async (status, Class) => {
    const stub = stubFetch([{ status, body: { code: "41004", message: "Limit cannot be less than one" }, headers: { "X-Request-Id": "req-1" } }]);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch, maxRetries: 0 });
    const error = await client.getCustomers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Class);
    expect((error as Error).name, "the class itself, not a subclass").toBe(Class.name);
    expect(error).toMatchObject({ status, code: "41004", requestId: "req-1", message: `HTTP ${status}, code 41004: Limit cannot be less than one` });
  });
});

describe("secrets stay out of errors", () => {
  it("does not show appKey, appToken or partnerSecret in message, JSON or inspect, even when the server echoes them", async () => {
    const errors: unknown[] = [];
    const clients = [
      { appKey: SECRETS.appKey, appToken: SECRETS.appToken },
      { appKey: SECRETS.appKey, partnerId: "p", partnerSecret: SECRETS.partnerSecret },
    ];
    for (const options of clients) {
      const echo = `bad ${Object.values(options).join(" ")}`;
      for (const body of [echo, { code: "24302", message: echo, user_message: echo }]) {
        const stub = stubFetch([{ status: 401, body }]);
        errors.push(await createCustomersClient({ ...options, fetch: stub.fetch }).getCustomers().catch((e: unknown) => e));
      }
    }
    const failing = createCustomersClient({
      appKey: SECRETS.appKey, appToken: SECRETS.appToken, maxRetries: 0,
      fetch: (async () => { throw new TypeError(`connect failed ${SECRETS.appToken}`); }) as typeof fetch,
    });
    errors.push(await failing.getCustomers().catch((e: unknown) => e));
    errors.push((() => { try { createCustomersClient({ appKey: `${SECRETS.appKey}\r\n`, appToken: `${SECRETS.appToken}\n` }); } catch (e) { return e; } })());
    for (const error of errors) {
      expect(error).toBeInstanceOf(api.FinicityError);
      const views = [(error as Error).message, JSON.stringify(error), inspect(error, { depth: 10 }), String(error)];
      for (const view of views) expect(leaks(view), view).toEqual([]);
    }
  });

  it("does not show secrets when the client itself is logged, before or after it made calls", async () => {
    const options = { appKey: SECRETS.appKey, appToken: SECRETS.appToken };
    // The check can fail: the same views of an object that holds the options show them.
    expect(leaks(inspect({ options }, { depth: 10 }))).toEqual([SECRETS.appKey, SECRETS.appToken]);
    const stub = stubFetch([{ body: { found: 0, displaying: 0, moreAvailable: false, customers: [] } }]);
    const client = createCustomersClient({ ...options, fetch: stub.fetch });
    const views = () => [inspect(client, { depth: 10, showHidden: true, getters: true }), JSON.stringify(client), String(client)];
    for (const view of views()) expect(leaks(view), view).toEqual([]);
    await client.getCustomers();
    await client.raw.GET("/aggregation/v1/customers");
    for (const view of views()) expect(leaks(view), view).toEqual([]);
  });
});
