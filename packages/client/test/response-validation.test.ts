import { describe, expect, it, vi } from "vitest";
import { AuthenticationError, FinicityApiError, ResponseValidationError, createCustomersClient } from "../src/index.js";
import { page, stubFetch } from "./helpers.js";

// The validators are a separate entry point; stub it to test the wiring of the main entry.
const validateResponse = vi.fn((_operationId: string, _status: number, body: unknown) =>
  body !== null && typeof body === "object" && "displaying" in body && typeof body.displaying !== "number"
    ? [{ path: "/displaying", rule: "type", message: "must be integer", valueType: typeof body.displaying }]
    : [],
);
vi.mock("@finicity-aggregation/client/validate", () => ({ validateResponse }));

describe("validateResponses", () => {
  it("is off by default: the validators are never loaded", async () => {
    validateResponse.mockClear();
    const stub = stubFetch([{ body: { ...page([], false), displaying: "0" } }]);
    await createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch }).getCustomers();
    expect(validateResponse).not.toHaveBeenCalled();
  });

  it("throws ResponseValidationError naming path, rule and value type, never the value", async () => {
    validateResponse.mockClear();
    const stub = stubFetch([{ body: { ...page([], false), displaying: "SECRETISH" }, headers: { "X-Request-Id": "r9" } }]);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch, validateResponses: true });
    const error = await client.getCustomers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toBeInstanceOf(FinicityApiError);
    expect(error).toMatchObject({ name: "ResponseValidationError", status: 200, requestId: "r9", issues: [{ path: "/displaying", rule: "type", valueType: "string" }] });
    expect((error as Error).message).toContain("/displaying");
    expect((error as Error).message).toContain("string");
    expect((error as Error).message).not.toContain("SECRETISH");
    expect((error as ResponseValidationError).responseBody).toMatchObject({ displaying: "SECRETISH" });
    expect(validateResponse).toHaveBeenCalledWith("GetCustomers", 200, expect.anything());
  });

  it("checks error answers and the token call too, and passes valid answers through", async () => {
    validateResponse.mockClear();
    const stub = stubFetch((request) =>
      request.url.endsWith("/authentication") ? { body: { token: "tk" } } : request.headers.get("X-Fail") ? { status: 401, body: { code: "10026" } } : { body: page(["1"], false) },
    );
    const client = createCustomersClient({ appKey: "k", partnerId: "p", partnerSecret: "s", fetch: stub.fetch, validateResponses: true });
    await expect(client.getCustomers()).resolves.toEqual(page(["1"], false));
    expect(validateResponse.mock.calls.map((c) => [c[0], c[1]])).toEqual([["CreateToken", 200], ["GetCustomers", 200]]);
    const { error } = await client.raw.GET("/aggregation/v1/customers", { headers: { "X-Fail": "1" } });
    expect(error).toEqual({ code: "10026" });
    validateResponse.mockClear();
    const failing = createCustomersClient({ appKey: "k", appToken: "t", validateResponses: true, fetch: stubFetch([{ status: 401, body: { code: "10026" } }]).fetch });
    await expect(failing.getCustomers()).rejects.toBeInstanceOf(AuthenticationError);
    expect(validateResponse).toHaveBeenCalledWith("GetCustomers", 401, { code: "10026" });
  });

  it("takes the client's secrets out of responseBody (a server that echoes them)", async () => {
    validateResponse.mockClear();
    const token = "TOKEN-echoed-9f8e";
    const stub = stubFetch([{ body: { ...page([], false), displaying: "bad", echo: `token ${token}` } }]);
    const client = createCustomersClient({ appKey: "KEY-echoed-1a2b", appToken: token, fetch: stub.fetch, validateResponses: true });
    const error = (await client.getCustomers().catch((e: unknown) => e)) as ResponseValidationError;
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.responseBody).toMatchObject({ displaying: "bad", echo: "token [redacted]" });
    expect(JSON.stringify(error)).not.toContain(token);
  });

  it("skips text/plain answers", async () => {
    validateResponse.mockClear();
    const client = createCustomersClient({ appKey: "k", appToken: "t", validateResponses: true, fetch: stubFetch([{ status: 401, body: "Invalid (Finicity-App-Key)" }]).fetch });
    await expect(client.getCustomers()).rejects.toMatchObject({ body: "Invalid (Finicity-App-Key)" });
    expect(validateResponse).not.toHaveBeenCalled();
  });
});
