// Edges found by mutation testing (pnpm test:mutation) that no other test reached: paging's boundary at `found`,
// a null record, the exact text of each input refusal, a multi-line appToken function, and redaction of errors
// whose fields are absent or whose body a secret cuts through.
import { describe, expect, it } from "vitest";
import { FinicityApiError, ValidationError, createCustomersClient } from "../src/index.js";
import { page, stubFetch } from "./helpers.js";

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe("paging", () => {
  it("accepts a page that claims more and ends one record short of found", async () => {
    const stub = stubFetch([{ body: page(["1", "2"], true, 3) }, { body: page(["3"], false, 3) }]);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    expect((await collect(client.iterateCustomers({}, { pageSize: 2 }))).map((c) => c.id)).toEqual(["1", "2", "3"]);
  });

  it("refuses a null record with a PaginationError naming customers", async () => {
    const stub = stubFetch([{ body: { found: 1, displaying: 1, moreAvailable: false, customers: [null] } }]);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    await expect(collect(client.iterateCustomers())).rejects.toMatchObject({ name: "PaginationError", field: "customers" });
  });
});

describe("input refusals say what is wrong", () => {
  it("names the rule and the expectation of each", () => {
    const issues = (create: () => unknown) => {
      try {
        create();
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).issues;
      }
      return [];
    };
    expect(issues(() => createCustomersClient({ appKey: "k", appToken: "t", colour: "red" } as never))).toEqual([{ field: "colour", rule: "unknown", message: "is not allowed" }]);
    expect(issues(() => createCustomersClient({ appKey: "k", appToken: "t", timeoutMs: "5" } as never))).toEqual([{ field: "timeoutMs", rule: "type", message: "must be integer, got string" }]);
    expect(issues(() => createCustomersClient({ appKey: "k", appToken: "t", maxRetries: 101 }))).toEqual([{ field: "maxRetries", rule: "maximum", message: "must be <= 100" }]);
    expect(issues(() => createCustomersClient({ appKey: "k", appToken: "t", signal: {} } as never))).toEqual([{ field: "signal", rule: "type", message: "must be an AbortSignal" }]);
    expect(issues(() => createCustomersClient({ appKey: "k\uD800", appToken: "t" }))).toEqual([{ field: "appKey", rule: "unicode", message: "must be well-formed Unicode" }]);
  });

  it("takes an appToken function whatever its source looks like (only strings are header values)", async () => {
    // A function's source spans lines; only the token it returns is checked as a header value.
    const appToken = new Function("return 'tok'\n") as () => string;
    const stub = stubFetch([{ body: page([], false) }]);
    const client = createCustomersClient({ appKey: "k", appToken, fetch: stub.fetch });
    await client.getCustomers();
    expect(stub.requests[0]!.headers.get("Finicity-App-Token")).toBe("tok");
  });
});

describe("redaction of errors", () => {
  it("leaves absent fields absent when the client has secrets", async () => {
    const stub = stubFetch([{ status: 403, body: "" }]);
    const client = createCustomersClient({ appKey: "app-key-0123", appToken: "token-0123", fetch: stub.fetch });
    const error = (await client.getCustomers().catch((e: unknown) => e)) as FinicityApiError;
    expect(error).toMatchObject({ status: 403, message: "HTTP 403" });
    expect([error.code, error.requestId]).toEqual([undefined, undefined]);
  });

  it("an error body cut through by a secret becomes [redacted] as a whole", async () => {
    const token = '1,"b';
    const stub = stubFetch([{ status: 400, body: { code: 1, b: 2 } }]);
    const client = createCustomersClient({ appKey: "k", appToken: token, fetch: stub.fetch });
    const error = (await client.getCustomers().catch((e: unknown) => e)) as FinicityApiError;
    expect(error.body).toBe("[redacted]");
    expect(error.message).toBe("HTTP 400: [redacted]");
  });
});

describe("more redaction and abort edges", () => {
  it("takes a secret with a quote out of a JSON body, where it is escaped", async () => {
    const token = 'tok"en-01';
    const stub = stubFetch([{ status: 400, body: { code: "1", message: `bad ${token} here` } }]); // on the wire: bad tok\\"en-01 here
    const client = createCustomersClient({ appKey: "k", appToken: token, fetch: stub.fetch });
    const error = (await client.getCustomers().catch((e: unknown) => e)) as FinicityApiError;
    expect(error.message).toBe("HTTP 400, code 1: bad [redacted] here");
    expect(error.body).toEqual({ code: "1", message: "bad [redacted] here" });
  });

  it("does not redact secrets of 2 characters or fewer (they would blank out ordinary text)", async () => {
    const stub = stubFetch([{ status: 400, body: { code: "1", message: "cab" } }]);
    const client = createCustomersClient({ appKey: "k", appToken: "ab", fetch: stub.fetch });
    const error = (await client.getCustomers().catch((e: unknown) => e)) as FinicityApiError;
    expect(error.message).toBe("HTTP 400, code 1: cab");
  });

  it("ends at once when the caller aborts while an answer that would be retried arrives", async () => {
    const controller = new AbortController();
    const stub = stubFetch(() => {
      controller.abort(new Error("stop"));
      return { status: 503, body: { code: "x" } };
    });
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    await expect(client.getCustomers({}, { signal: controller.signal })).rejects.toThrow("stop");
    expect(stub.requests).toHaveLength(1);
  });
});
