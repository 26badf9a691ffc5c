// Every rule of src/client.ts's OPTION_RULES, CALL_RULES and PAGE_RULES, the baseUrl and header-name checks:
// the exact ValidationError issues (field, rule, message) for each wrong value, and the edge values accepted.
import { describe, expect, it } from "vitest";
import { ValidationError, createCustomersClient, type CustomersClientOptions } from "../src/index.js";
import { page, stubFetch } from "./helpers.js";

const base = { appKey: "k", appToken: "t" } satisfies CustomersClientOptions;

/** The ValidationError `create` throws. */
function thrown(create: () => unknown): ValidationError {
  try {
    create();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error("no ValidationError");
}
const optionIssues = (options: Record<string, unknown>) => thrown(() => createCustomersClient({ ...base, ...options } as CustomersClientOptions)).issues;

describe("client options", () => {
  it.each([
    ["region", 5, { rule: "enum", message: 'must be one of ["au","us"]' }],
    ["region", "eu", { rule: "enum", message: 'must be one of ["au","us"]' }],
    ["logLevel", "trace", { rule: "enum", message: 'must be one of ["off","error","warn","info","debug"]' }],
    ["appKey", 5, { rule: "type", message: "must be string, got number" }],
    ["appKey", "a\0b", { rule: "header-value", message: "must not contain CR, LF or NUL" }],
    ["appToken", 5, { rule: "type", message: "must be string|function, got number" }],
    ["appToken", "a\rb", { rule: "header-value", message: "must not contain CR, LF or NUL" }],
    ["fetch", "fetch", { rule: "type", message: "must be function, got string" }],
    ["maxResponseBytes", "1", { rule: "type", message: "must be integer, got string" }],
    ["maxResponseBytes", 0, { rule: "minimum", message: "must be >= 1" }],
    ["baseUrl", 5, { rule: "type", message: "must be string, got number" }],
    ["headerNames", "App-Key", { rule: "type", message: "must be object, got string" }],
    ["partnerId", 5, { rule: "type", message: "must be string, got number" }],
    ["partnerSecret", 5, { rule: "type", message: "must be string, got number" }],
    ["validateResponses", 1, { rule: "type", message: "must be boolean, got number" }],
    ["tokenStore", "redis", { rule: "type", message: "must be object, got string" }],
    ["logger", "console", { rule: "type", message: "must be object, got string" }],
    ["timeoutMs", "5", { rule: "type", message: "must be integer, got string" }],
    ["timeoutMs", 0, { rule: "minimum", message: "must be >= 1" }],
    ["timeoutMs", 2_147_483_648, { rule: "maximum", message: "must be <= 2147483647" }],
    ["maxRetries", 1.5, { rule: "type", message: "must be integer, got number" }],
    ["maxRetries", -1, { rule: "minimum", message: "must be >= 0" }],
    ["maxRetries", 101, { rule: "maximum", message: "must be <= 100" }],
    ["signal", {}, { rule: "type", message: "must be an AbortSignal" }],
    ["signal", 1, { rule: "type", message: "must be object, got number" }],
  ])("refuses %s = %j", (field, value, issue) => {
    const issues = optionIssues({ [field]: value, ...(field.startsWith("partner") ? { appToken: undefined, partnerId: "p", partnerSecret: "s", [field]: value } : {}) });
    const urlIssue = { field: "baseUrl", rule: "url", message: "must be an http(s) URL without user:password" }; // not a string: not a URL either
    expect(issues).toEqual(field === "baseUrl" ? [{ field, ...issue }, urlIssue] : [{ field, ...issue }]);
  });

  it("accepts every option at its edge values", () => {
    const options: CustomersClientOptions = {
      appKey: "k",
      appToken: () => "t",
      region: "us",
      logLevel: "debug",
      logger: console,
      fetch: stubFetch([]).fetch,
      maxResponseBytes: 1,
      baseUrl: "HTTP://localhost:1",
      headerNames: { appKey: "A", appToken: "B" },
      validateResponses: false,
      tokenStore: new Map(),
      timeoutMs: 2_147_483_647,
      maxRetries: 100,
      signal: new AbortController().signal,
    } as CustomersClientOptions;
    expect(() => createCustomersClient(options)).not.toThrow();
    expect(() => createCustomersClient({ ...base, timeoutMs: 1, maxRetries: 0, region: "au", logLevel: "off" })).not.toThrow();
  });

  it("lists an unknown option and names each problem in the message", () => {
    const error = thrown(() => createCustomersClient({ ...base, retries: 3, timeoutMs: 0 } as CustomersClientOptions));
    expect(error.issues).toEqual([
      { field: "retries", rule: "unknown", message: "is not allowed" },
      { field: "timeoutMs", rule: "minimum", message: "must be >= 1" },
    ]);
    expect(error.message).toBe("Invalid input: retries is not allowed (unknown); timeoutMs must be >= 1 (minimum)");
  });
});

describe("baseUrl", () => {
  const urlIssue = { field: "baseUrl", rule: "url", message: "must be an http(s) URL without user:password" };
  it.each(["not a url", "ftp://api.example.com", "xhttps://api.example.com", "https://user@api.example.com", "https://:pw@api.example.com", "https://u:p@api.example.com"])(
    "refuses %s",
    (baseUrl) => {
      expect(optionIssues({ baseUrl })).toEqual([urlIssue]);
    },
  );

  it("accepts http and https", () => {
    expect(() => createCustomersClient({ ...base, baseUrl: "http://127.0.0.1:1" })).not.toThrow();
    expect(() => createCustomersClient({ ...base, baseUrl: "https://api.example.com/prefix/" })).not.toThrow();
  });
});

describe("headerNames", () => {
  it.each(["Bad Header", "", "a:b", "é", "x\n", " x", "x "])("refuses %j", (name) => {
    expect(optionIssues({ headerNames: { appKey: name, appToken: "Fine" } })).toEqual([{ field: "headerNames.appKey", rule: "header-name", message: "must be a header name" }]);
  });

  it("accepts every token character and sends the headers under those names", async () => {
    const name = "Az09!#$%&'*+.^_`|~-";
    const stub = stubFetch([{ body: page([], false) }]);
    await createCustomersClient({ ...base, headerNames: { appKey: name, appToken: "X-Tok" }, fetch: stub.fetch }).getCustomers();
    expect(stub.requests[0]!.headers.get(name)).toBe("k");
    expect(stub.requests[0]!.headers.get("X-Tok")).toBe("t");
    for (const char of "!#$%&'*+.^_`|~-") {
      expect(() => createCustomersClient({ ...base, headerNames: { appKey: char } })).not.toThrow();
    }
  });
});

describe("per-call options", () => {
  const client = () => {
    const stub = stubFetch([{ body: page([], false) }]);
    return { stub, client: createCustomersClient({ ...base, fetch: stub.fetch }) };
  };

  it.each([
    ["timeoutMs", 0, { rule: "minimum", message: "must be >= 1" }],
    ["timeoutMs", 2_147_483_648, { rule: "maximum", message: "must be <= 2147483647" }],
    ["maxRetries", -1, { rule: "minimum", message: "must be >= 0" }],
    ["maxRetries", 101, { rule: "maximum", message: "must be <= 100" }],
    ["signal", {}, { rule: "type", message: "must be an AbortSignal" }],
    ["pageSize", 10, { rule: "unknown", message: "is not allowed" }],
    ["maxItems", 10, { rule: "unknown", message: "is not allowed" }],
  ])("getCustomers refuses %s = %j and sends nothing", async (field, value, issue) => {
    const { client: c, stub } = client();
    const error = await c.getCustomers({}, { [field]: value }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ field, ...issue }]);
    expect(stub.requests.length).toBe(0);
  });

  it.each([
    ["pageSize", 0, { rule: "minimum", message: "must be >= 1" }],
    ["pageSize", 1001, { rule: "maximum", message: "must be <= 1000" }],
    ["pageSize", 2.5, { rule: "type", message: "must be integer, got number" }],
    ["maxItems", 0, { rule: "minimum", message: "must be >= 1" }],
    ["maxItems", "5", { rule: "type", message: "must be integer, got string" }],
    ["timeoutMs", 0, { rule: "minimum", message: "must be >= 1" }],
    ["maxRetries", 101, { rule: "maximum", message: "must be <= 100" }],
    ["signal", "abort", { rule: "type", message: "must be object, got string" }],
    ["limit", 5, { rule: "unknown", message: "is not allowed" }],
  ])("iterateCustomers and pages refuse %s = %j at once", (field, value, issue) => {
    const { client: c } = client();
    expect(thrown(() => c.iterateCustomers({}, { [field]: value })).issues).toEqual([{ field, ...issue }]);
    expect(thrown(() => c.pages({}, { [field]: value })).issues).toEqual([{ field, ...issue }]);
  });

  it("accepts the edge values and a query with no options", async () => {
    const { client: c, stub } = client();
    await expect(c.getCustomers({}, { timeoutMs: 2_147_483_647, maxRetries: 100, signal: new AbortController().signal })).resolves.toEqual(page([], false));
    await expect(c.getCustomers({ start: 1 })).resolves.toEqual(page([], false));
    const walked = [];
    for await (const customer of c.iterateCustomers()) walked.push(customer);
    for await (const customer of c.iterateCustomers({}, { pageSize: 1000, maxItems: 1, timeoutMs: 5000, maxRetries: 0 })) walked.push(customer);
    expect(walked).toEqual([]);
    for await (const _ of c.pages({}, { pageSize: 1 })) walked.push(_);
    expect(walked).toEqual([page([], false)]);
    expect(stub.requests.map((r) => new URL(r.url).search)).toEqual(["", "?start=1", "?start=1&limit=1000", "?start=1&limit=1", "?start=1&limit=1"]);
  });
});
