// The usage profile (control.usage()): which shapes of calls the sandbox served, by operation, never a value
// that could identify a customer or a secret. Checked whole, so each rule of how calls are classified, merged
// and bounded shows.
import { describe, expect, it } from "vitest";
import { createSandboxFetch, DEMO_CREDENTIALS, type SandboxFetch } from "../src/index.js";
import { lengthClass, MAX_SHAPES } from "../src/sandbox/usage.js";

const BASE = "http://sandbox.test";

async function call(sandboxFetch: SandboxFetch, target: string, headers: Record<string, string>, init: RequestInit = {}): Promise<number> {
  const response = await sandboxFetch(`${BASE}${target}`, { headers, ...init });
  await response.arrayBuffer();
  return response.status;
}

describe("the usage profile", () => {
  it("records each call's shape, merges numbers and text lengths, and names other headers and parameters", async () => {
    const sandboxFetch = createSandboxFetch({ seed: "usage", customers: 3 });
    const control = sandboxFetch.sandbox;
    const token = control.issueToken();
    const auth = { "App-Key": "demo-app-key", "Finicity-App-Token": token };
    const statuses = [
      await call(sandboxFetch, "/aggregation/v1/customers?username=abcde&type=active&start=1&limit=2&Extra=1", { ...auth, "X-Trace": "a", "User-Agent": "t", "Sec-Fetch-Mode": "cors" }),
      await call(sandboxFetch, "/aggregation/v1/customers?username=abcdef&type=active&start=%2B3&limit=10", { ...auth, "X-Trace": "b" }),
      await call(sandboxFetch, "/aggregation/v1/customers?type=testing", { "Finicity-App-Key": "demo-app-key" }),
      await call(sandboxFetch, `/aggregation/v1/customers?search=${"s".repeat(17)}&start=x`, auth),
      await call(sandboxFetch, "/aggregation/v1/customers?search=&limit=1", auth),
      await call(sandboxFetch, "/aggregation/v2/partners/authentication", { "App-Key": "demo-app-key", "Content-Type": "application/json" }, {
        method: "POST",
        body: JSON.stringify({ partnerId: DEMO_CREDENTIALS.partnerId, partnerSecret: DEMO_CREDENTIALS.partnerSecret }),
      }),
      await call(sandboxFetch, "/nowhere", auth),
      await call(sandboxFetch, "/aggregation/v1/customers", auth, { method: "DELETE" }),
    ];
    expect(statuses).toEqual([200, 200, 401, 400, 200, 200, 404, 405]);
    expect(control.usage()).toEqual(EXPECTED);
  });

  it("classes text lengths at 5, 16, 64 and 255 characters", () => {
    expect([1, 5, 6, 16, 17, 64, 65, 255, 256].map(lengthClass)).toEqual(["1-5", "1-5", "6-16", "6-16", "17-64", "17-64", "65-255", "65-255", "256+"]);
  });

  it("keeps at most MAX_SHAPES shapes and counts the rest as dropped; names of 64 characters at most", async () => {
    const sandboxFetch = createSandboxFetch({ customers: 1 });
    const auth = { "App-Key": "demo-app-key", "Finicity-App-Token": sandboxFetch.sandbox.issueToken() };
    // 80 query shapes (each parameter absent or present; type as enum active, enum testing, text or empty), each
    // with 3 sets of credential headers: 240 shapes.
    const names = ["username", "type", "search", "start", "limit"];
    const queries: string[] = [];
    for (let mask = 0; mask < 32; mask++) {
      for (const typeValue of ["active", "testing", "other", ""]) {
        const parts = names.filter((_, i) => mask & (1 << i)).map((name) => (name === "type" ? `type=${typeValue}` : `${name}=1`));
        queries.push(parts.join("&"));
      }
    }
    const distinct = [...new Set(queries)];
    expect(distinct).toHaveLength(80);
    const headerSets: Array<Record<string, string>> = [auth, { ...auth, Authorization: "x" }, { "Finicity-App-Key": "demo-app-key" }];
    for (const headers of headerSets) {
      for (const query of distinct) await call(sandboxFetch, `/aggregation/v1/customers?${query}`, headers);
    }
    await call(sandboxFetch, `/aggregation/v1/customers?${"p".repeat(64)}=1&${"q".repeat(65)}=1`, { ...auth, [`x-${"h".repeat(62)}`]: "1", [`x-${"i".repeat(63)}`]: "1" });
    const usage = sandboxFetch.sandbox.usage().operations["GetCustomers"]!;
    expect(usage.shapes).toHaveLength(MAX_SHAPES);
    expect(usage.shapesDropped).toBe(240 - MAX_SHAPES);
    expect(usage.calls).toBe(241);
    expect(usage.undeclaredParameters).toEqual(["p".repeat(64)]);
    expect(Object.keys(usage.headers)).toEqual([`x-${"h".repeat(62)}`]);
  });
});

/** What the calls of the first test make (values, tokens and customers never appear). */
const EXPECTED = {
  format: "finicity-usage-profile",
  version: 2,
  operations: {
    GetCustomers: {
      method: "GET",
      path: "/aggregation/v1/customers",
      calls: 5,
      shapes: [
        {
          parameters: {
            username: {
              kind: "text",
              lengths: ["1-5", "6-16"],
            },
            type: {
              kind: "enum",
              value: "active",
            },
            start: {
              kind: "integer",
              min: 1,
              max: 3,
            },
            limit: {
              kind: "integer",
              min: 2,
              max: 10,
            },
          },
          credentials: ["app-key", "finicity-app-token"],
          status: "200",
          calls: 2,
        },
        {
          parameters: {
            type: {
              kind: "enum",
              value: "testing",
            },
          },
          credentials: ["finicity-app-key"],
          status: "401",
          calls: 1,
        },
        {
          parameters: {
            search: {
              kind: "text",
              lengths: ["17-64"],
            },
            start: {
              kind: "text",
              lengths: ["1-5"],
            },
          },
          credentials: ["app-key", "finicity-app-token"],
          status: "400",
          calls: 1,
        },
        {
          parameters: {
            search: {
              kind: "empty",
            },
            limit: {
              kind: "integer",
              min: 1,
              max: 1,
            },
          },
          credentials: ["app-key", "finicity-app-token"],
          status: "200",
          calls: 1,
        },
      ],
      shapesDropped: 0,
      undeclaredParameters: ["extra"],
      headers: {
        "x-trace": 2,
      },
      responses: {
        "200": {
          contentType: "application/json",
          fields: {
            found: ["integer"],
            displaying: ["integer"],
            moreAvailable: ["boolean"],
            customers: ["array"],
            "customers[]": ["object"],
            "customers[].id": ["string"],
            "customers[].username": ["string"],
            "customers[].firstName": ["string"],
            "customers[].lastName": ["string"],
            "customers[].type": ["string"],
            "customers[].createdDate": ["string"],
            "customers[].lastModifiedDate": ["string"],
            "customers[].email": ["null"],
            "customers[].phone": ["string"],
            "customers[].addressLine1": ["string"],
            "customers[].city": ["string"],
            "customers[].state": ["string"],
            "customers[].postalCode": ["string"],
            "customers[].country": ["string"],
          },
        },
        "400": {
          contentType: "application/json",
          fields: {
            code: ["string"],
            message: ["string"],
          },
        },
        "401": {
          contentType: "application/json",
          fields: {
            code: ["string"],
            message: ["string"],
          },
        },
      },
    },
    CreateToken: {
      method: "POST",
      path: "/aggregation/v2/partners/authentication",
      calls: 1,
      shapes: [
        {
          parameters: {},
          credentials: ["app-key"],
          status: "200",
          calls: 1,
        },
      ],
      shapesDropped: 0,
      undeclaredParameters: [],
      headers: {
        "content-type": 1,
      },
      responses: {
        "200": {
          contentType: "application/json",
          fields: {
            token: ["string"],
          },
        },
      },
    },
  },
};
