import { describe, expect, it } from "vitest";
import { AuthenticationError, FinicityApiError, NotFoundError, createCustomersClient } from "../src/index.js";

const page = { found: 1, displaying: 1, moreAvailable: false, customers: [{ id: "1", username: "u", type: "active", createdDate: "1" }] };

/** A fetch stub that records each request and answers with the given status and body. */
function stubFetch(status: number, body: unknown, contentType = "application/json") {
  const requests: Request[] = [];
  const fetch = async (input: Request | string | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request);
    const text = typeof body === "string" ? body : JSON.stringify(body);
    return new Response(text, { status, headers: { "Content-Type": contentType } });
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

describe("createCustomersClient", () => {
  it("calls the AU server with the AU header names by default", async () => {
    const stub = stubFetch(200, page);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    await expect(client.getCustomers({ start: 1, limit: 25 })).resolves.toEqual(page);
    const [request] = stub.requests;
    expect(request?.url).toBe("https://api.openbanking.mastercard.com.au/aggregation/v1/customers?start=1&limit=25");
    expect(request?.headers.get("App-Key")).toBe("k");
    expect(request?.headers.get("Finicity-App-Token")).toBe("t");
    expect(request?.headers.get("Accept")).toBe("application/json");
  });

  it("uses the US server and Finicity-App-Key for region us, and baseUrl over either", async () => {
    const stub = stubFetch(200, page);
    await createCustomersClient({ region: "us", appKey: "k", appToken: "t", fetch: stub.fetch }).getCustomers();
    await createCustomersClient({ region: "us", baseUrl: "http://localhost:1234/", appKey: "k", appToken: "t", fetch: stub.fetch }).getCustomers();
    expect(stub.requests[0]?.url).toBe("https://api.finicity.com/aggregation/v1/customers");
    expect(stub.requests[0]?.headers.get("Finicity-App-Key")).toBe("k");
    expect(stub.requests[1]?.url).toBe("http://localhost:1234/aggregation/v1/customers");
  });

  it("throws a typed error for a JSON 401, keeping the code as sent", async () => {
    const stub = stubFetch(401, { code: "10022", message: "Invalid token" });
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    const error = await client.getCustomers().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ name: "AuthenticationError", status: 401, code: "10022" });
  });

  it("throws a typed error for a text/plain 401", async () => {
    const stub = stubFetch(401, "Invalid (Finicity-App-Key)", "text/plain");
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    const error = await client.getCustomers().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, body: "Invalid (Finicity-App-Key)", code: undefined, message: "HTTP 401: Invalid (Finicity-App-Key)" });
  });

  it("keeps a long text/plain error body up to 4096 characters, and quotes its first 200 in the message", async () => {
    const text = "a".repeat(150) + "b".repeat(100) + "c".repeat(5000);
    const stub = stubFetch(400, text, "text/plain");
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    const error = (await client.getCustomers().catch((caught: unknown) => caught)) as FinicityApiError;
    expect(error.body).toBe(text.slice(0, 4096));
    expect(error.message).toBe(`HTTP 400: ${"a".repeat(150)}${"b".repeat(50)}`);
  });

  it("says only the status when an error has no body, and no code for JSON without one", async () => {
    for (const [body, type] of [["", "text/plain"], [{ message: "no code" }, "application/json"]] as const) {
      const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stubFetch(403, body, type).fetch });
      const error = (await client.getCustomers().catch((caught: unknown) => caught)) as FinicityApiError;
      expect(error.message, JSON.stringify(body)).toBe("HTTP 403");
      expect(error.code).toBeUndefined();
    }
  });

  it("keeps a numeric code a number", async () => {
    const stub = stubFetch(404, { code: 12401, message: "partner not found" });
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    const error = await client.getCustomers().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 12401 });
  });
});

describe("an empty 2xx body", () => {
  it("is an error, never an undefined page", async () => {
    const stub = stubFetch(200, "");
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch, maxRetries: 0 });
    const error = await client.getCustomers().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FinicityApiError);
    expect(error).toMatchObject({ status: 200 });
  });
});

describe("getCustomers.withResponse", () => {
  it("returns the data together with the raw Response", async () => {
    const stub = stubFetch(200, page);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    const { data, response } = await client.getCustomers.withResponse({ limit: 1 });
    expect(data).toEqual(page);
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
  });

  it("honours headerNames over the region's", async () => {
    const stub = stubFetch(200, page);
    const client = createCustomersClient({ appKey: "k", appToken: "t", headerNames: { appToken: "App-Token" }, fetch: stub.fetch });
    await client.getCustomers();
    expect(stub.requests[0]?.headers.get("App-Token")).toBe("t");
    expect(stub.requests[0]?.headers.get("App-Key")).toBe("k");
  });
});
