// The client with no baseUrl, under MSW's setupServer (msw/node) with @finicity-aggregation/mock/msw: it calls the
// production host, MSW answers from the sandbox, and nothing reaches the network.
import { AuthenticationError, createCustomersClient, InternalServerError } from "@finicity-aggregation/client";
import { sandboxHandlers } from "@finicity-aggregation/mock/msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const credentials = { appKey: "msw-app-key", partnerId: "msw-partner", partnerSecret: "msw-secret" };
const { handlers, control } = sandboxHandlers({ customers: 57, seed: "msw", credentials });
const server = setupServer(...handlers);
const unhandled: string[] = [];

beforeAll(() => server.listen({ onUnhandledRequest: (request) => void unhandled.push(`${request.method} ${request.url}`) }));
afterEach(() => control.reset());
afterAll(() => server.close());

describe("createCustomersClient under msw/node with sandboxHandlers()", () => {
  it("pages across every customer on the AU production host, with a token from CreateToken", async () => {
    const client = createCustomersClient({ ...credentials });
    const ids: string[] = [];
    for await (const customer of client.iterateCustomers({ limit: 10 })) ids.push(customer.id);
    expect(ids).toEqual(control.customers().map((customer) => customer.id));
    expect(ids).toHaveLength(57);
    const log = control.requests;
    expect(log[0]).toMatchObject({ method: "POST", path: "/aggregation/v2/partners/authentication", status: 200 });
    expect(log.slice(1).map((request) => request.query.start)).toEqual(["1", "11", "21", "31", "41", "51"]);
    expect(unhandled).toEqual([]);
  });

  it("answers on the US production host too", async () => {
    const client = createCustomersClient({ ...credentials, region: "us", appToken: control.issueToken() });
    const page = await client.getCustomers({ type: "testing", limit: 5 });
    expect(page.customers.every((customer) => customer.type === "testing")).toBe(true);
    expect(control.requests.at(-1)?.headers["finicity-app-key"]).toBe("[redacted]");
  });

  it("applies a queued fault, and the client retries past it", async () => {
    const client = createCustomersClient({ ...credentials, appToken: control.issueToken(), maxRetries: 0 });
    control.failNext(1, { status: 500 });
    await expect(client.getCustomers()).rejects.toBeInstanceOf(InternalServerError);
    const retrying = createCustomersClient({ ...credentials, appToken: control.issueToken() });
    control.failNext(1, { status: 503, retryAfter: 0 });
    const page = await retrying.getCustomers({ limit: 3 });
    expect(page.displaying).toBe(3);
    expect(control.requests.map((request) => request.status)).toEqual([500, 503, 200]);
  });

  it("rejects an unknown token with a 401 the client turns into AuthenticationError", async () => {
    const client = createCustomersClient({ appKey: credentials.appKey, appToken: "not-a-token-the-sandbox-issued" });
    const error = await client.getCustomers().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
    expect(control.requests.at(-1)?.status).toBe(401);
  });

  it("records the usage profile of the calls it answered", async () => {
    const client = createCustomersClient({ ...credentials, appToken: control.issueToken() });
    await client.getCustomers({ limit: 1000 });
    const shapes = control.usage().operations["GetCustomers"]?.shapes ?? [];
    // The usage profile is kept across reset(): limit's range covers every call of this file (10 ... 1000).
    const limits = shapes.map((shape) => shape.parameters["limit"]).filter((limit) => limit?.kind === "integer");
    expect(limits.some((limit) => limit.kind === "integer" && limit.max === 1000), JSON.stringify(shapes)).toBe(true);
  });
});
