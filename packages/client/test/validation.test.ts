import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidationError, createCustomersClient, type GetCustomersQuery } from "../src/index.js";
import { getCustomersQueryRules } from "../src/generated/query-rules.js";
import { page, stubFetch } from "./helpers.js";

/** The issues of the ValidationError `create` throws. */
function creationIssues(create: () => unknown): unknown {
  try {
    create();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error("no ValidationError");
}

describe("credentials", () => {
  it.each([
    ["partnerId without partnerSecret", { partnerId: "p" }],
    ["partnerSecret without partnerId", { partnerSecret: "s" }],
  ])("refuses %s (and no appToken)", (_name, credentials) => {
    expect(creationIssues(() => createCustomersClient({ appKey: "k", ...credentials }))).toEqual([
      { field: "appToken", rule: "required", message: "is required, or partnerId and partnerSecret" },
    ]);
  });

  it("refuses a missing appKey, naming it (and only it)", () => {
    expect(creationIssues(() => createCustomersClient({ appToken: "t" } as never))).toEqual([{ field: "appKey", rule: "required", message: "is required" }]);
    expect(creationIssues(() => createCustomersClient({ appKey: undefined, appToken: "t" } as never))).toEqual([{ field: "appKey", rule: "required", message: "is required" }]);
  });

  it("accepts an appToken alone, or partnerId with partnerSecret", () => {
    expect(() => createCustomersClient({ appKey: "k", appToken: "t" })).not.toThrow();
    expect(() => createCustomersClient({ appKey: "k", partnerId: "p", partnerSecret: "s", tokenStore: new Map() })).not.toThrow();
  });
});

function setup() {
  const stub = stubFetch([{ body: page([], false) }]);
  return { stub, client: createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch }) };
}
const issuesOf = async (query: unknown) => {
  const { client, stub } = setup();
  const error = await client.getCustomers(query as GetCustomersQuery).catch((e: unknown) => e);
  return { error, sent: stub.requests.length, issues: error instanceof ValidationError ? error.issues.map((i) => `${i.field}:${i.rule}`) : [] };
};

describe("input validation", () => {
  it("takes its rules from the spec", () => {
    expect(getCustomersQueryRules).toMatchObject({
      start: { type: "integer", minimum: 1 },
      limit: { type: "integer", minimum: 1, maximum: 1000 },
      type: { type: "string", enum: ["active", "testing", ""] },
      search: { type: "string" },
      username: { type: "string" },
    });
  });

  it("lists every problem by field and rule, and sends nothing", async () => {
    const result = await issuesOf({ start: 0, limit: 1001, type: "all", search: 5, username: null, page: 2 });
    expect(result.error).toBeInstanceOf(ValidationError);
    expect(result.issues.sort()).toEqual(["limit:maximum", "page:unknown", "search:type", "start:minimum", "type:enum", "username:type"]);
    expect((result.error as Error).message).toMatch(/start .*minimum/);
    expect(result.sent).toBe(0);
  });

  it("rejects the returned promise (never throws synchronously)", async () => {
    const { client } = setup();
    let promise: Promise<unknown> | undefined;
    expect(() => (promise = client.getCustomers({ limit: 0 }))).not.toThrow();
    await expect(promise).rejects.toBeInstanceOf(ValidationError);
    await expect(client.getCustomers.withResponse({ limit: 0 })).rejects.toBeInstanceOf(ValidationError);
  });

  it("refuses non-integers", async () => {
    expect((await issuesOf({ start: 1.5, limit: Number.NaN })).issues.sort()).toEqual(["limit:type", "start:type"]);
    expect((await issuesOf({ limit: "25" })).issues).toEqual(["limit:type"]);
  });

  it("accepts every valid query (property)", async () => {
    const { client, stub } = setup();
    const valid = fc.record(
      {
        username: fc.string(),
        type: fc.constantFrom("active", "testing", "") as fc.Arbitrary<"active" | "testing" | "">,
        search: fc.string(),
        start: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        limit: fc.integer({ min: 1, max: 1000 }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(fc.asyncProperty(valid, async (query) => { await client.getCustomers(query); }), { numRuns: 2000 });
    expect(stub.requests).toHaveLength(2000);
  }, 60_000);

  it("refuses out-of-range start and limit, naming the field and rule (property)", async () => {
    const { client, stub } = setup();
    const bad = fc.oneof(
      fc.record({ start: fc.oneof(fc.integer({ max: 0 }), fc.double({ noInteger: true }), fc.string()) }).map((q) => ({ q, field: "start" })),
      fc.record({ limit: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 1001 }), fc.double({ noInteger: true })) }).map((q) => ({ q, field: "limit" })),
      fc.record({ type: fc.string().filter((s) => !["active", "testing", ""].includes(s)) }).map((q) => ({ q, field: "type" })),
      fc.record({ [`x${Math.random().toString(36).slice(2, 6)}`]: fc.anything() }).map((q) => ({ q, field: Object.keys(q)[0]! })),
    );
    await fc.assert(
      fc.asyncProperty(bad, async ({ q, field }) => {
        const error = await client.getCustomers(q as GetCustomersQuery).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues.map((i) => i.field)).toEqual([field]);
      }),
      { numRuns: 2000 },
    );
    expect(stub.requests).toHaveLength(0);
  }, 60_000);
});

describe("option validation", () => {
  it("refuses header values holding CR or LF without showing them", () => {
    const error = (() => {
      try {
        createCustomersClient({ appKey: "key\r\nX-Injected: 1", appToken: "tok\n" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { field: "appKey", rule: "header-value", message: "must not contain CR, LF or NUL" },
      { field: "appToken", rule: "header-value", message: "must not contain CR, LF or NUL" },
    ]);
    expect((error as Error).message).not.toContain("Injected");
  });

  it("requires a token or partner credentials, and checks numbers", () => {
    expect(creationIssues(() => createCustomersClient({ appKey: "k" }))).toEqual([
      { field: "appToken", rule: "required", message: "is required, or partnerId and partnerSecret" },
    ]);
    expect(() => createCustomersClient({ appKey: "k", appToken: "t", timeoutMs: 0, maxRetries: -1 })).toThrow(/timeoutMs.*maxRetries/);
    expect(() => createCustomersClient({ appKey: "k", appToken: "t", region: "eu" as "au" })).toThrow(/region/);
    expect(() => createCustomersClient({ appKey: "k", appToken: "t", headerNames: { appKey: "Bad Header" } })).toThrow(/headerNames.appKey/);
  });

  it("checks per-call options", async () => {
    const { client, stub } = setup();
    await expect(client.getCustomers({}, { timeoutMs: -5 })).rejects.toMatchObject({ issues: [{ field: "timeoutMs", rule: "minimum" }] });
    expect(stub.requests).toHaveLength(0);
  });

  it.each([
    ["signal", { signal: {} }],
    ["signal", { signal: null }],
    ["signal", { signal: "abort" }],
  ])("refuses a call option of the wrong kind (%s) with a ValidationError naming it, sending nothing", async (field, options) => {
    const { client, stub } = setup();
    const error = await client.getCustomers({}, options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.field)).toEqual([field]);
    expect(stub.requests).toHaveLength(0);
    expect(() => client.iterateCustomers({}, options as never)).toThrow(ValidationError); // checked at once
  });

  it.each([
    ["baseUrl", { baseUrl: 5 }],
    ["baseUrl", { baseUrl: "not a url" }],
    ["baseUrl", { baseUrl: "ftp://api.example.com" }],
    ["validateResponses", { validateResponses: "yes" }],
    ["partnerSecret", { appToken: undefined, partnerId: "p", partnerSecret: 42 }],
    ["headerNames", { headerNames: "App-Key" }],
    ["maxResponseBytes", { maxResponseBytes: 1.5 }],
    ["signal", { signal: {} }],
  ])("refuses a client option of the wrong kind (%s) with a ValidationError naming it", (field, options) => {
    const create = () => createCustomersClient({ appKey: "k", appToken: "t", ...(options as object) });
    expect(create).toThrow(ValidationError);
    try {
      create();
    } catch (error) {
      expect((error as ValidationError).issues.map((i) => i.field)).toContain(field);
    }
  });
});
