import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  AuthenticationError,
  FinicityApiError,
  ValidationError,
  createCustomersClient,
  type Customer,
} from "@finicity-aggregation/client";
import { startMock, type RunningMock } from "@finicity-aggregation/mock";

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, mode: "static" });
});
afterAll(async () => {
  await mock?.close();
});

describe("the client against the Prism mock", () => {
  it("receives the 200 example as typed customers", async () => {
    const client = createCustomersClient({ baseUrl: mock.url, appKey: "app-key", appToken: "token" });
    const page = await client.getCustomers({ username: "", type: "", search: "", start: 1, limit: 25 });
    expect(page).toMatchObject({ found: 200, displaying: 2, moreAvailable: true });
    expect(page.customers).toHaveLength(2);
    const [first] = page.customers;
    expectTypeOf(first).toEqualTypeOf<Customer | undefined>();
    expect(first?.id).toBeTypeOf("string");
    expect(first?.createdDate).toMatch(/^\d+$/);
  });

  it("works with the US header names too", async () => {
    const client = createCustomersClient({ region: "us", baseUrl: mock.url, appKey: "app-key", appToken: "token" });
    await expect(client.getCustomers()).resolves.toMatchObject({ displaying: 2 });
  });

  it("turns missing credentials into an AuthenticationError", async () => {
    const client = createCustomersClient({ baseUrl: mock.url, appKey: "", appToken: "" });
    const error = await client.getCustomers().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, name: "AuthenticationError" });
  });

  it("refuses a query the spec forbids before sending it; the server rejects it too when sent raw", async () => {
    const client = createCustomersClient({ baseUrl: mock.url, appKey: "app-key", appToken: "token" });
    const { response } = await client.raw.GET("/aggregation/v1/customers", { params: { query: { limit: 0 } } });
    // Prism answers with the operation's first 400 example whatever the fault: assert the status only.
    expect(response.status).toBe(400);
    const error = await client.getCustomers({ limit: 0 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).not.toBeInstanceOf(FinicityApiError);
    expect(String((error as Error).message)).toMatch(/limit/);
  });
});
