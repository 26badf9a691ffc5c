import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateResponse, type ValidationIssue } from "../src/validate/index.js";

// The spec shipped by @finicity-aggregation/types: the one the validators were generated from.
const spec = parse(readFileSync(createRequire(import.meta.url).resolve("@finicity-aggregation/types/openapi.yaml"), "utf8"));

interface Example {
  operationId: "GetCustomers" | "CreateToken";
  status: number;
  mediaType: string;
  name: string;
  value: unknown;
}

/** Every example of every response the spec declares for the two operations. */
function specExamples(): Example[] {
  const found: Example[] = [];
  for (const item of Object.values<Record<string, any>>(spec.paths)) {
    for (const operation of Object.values<any>(item)) {
      for (const [status, declared] of Object.entries<any>(operation.responses)) {
        const response = declared.$ref ? spec.components.responses[declared.$ref.split("/").pop()] : declared;
        for (const [mediaType, media] of Object.entries<any>(response.content ?? {})) {
          for (const [name, example] of Object.entries<any>(media.examples ?? {})) {
            found.push({ operationId: operation.operationId, status: Number(status), mediaType, name, value: example.value });
          }
        }
      }
    }
  }
  return found;
}

function twoCustomers(): any {
  return structuredClone(spec.components.responses.GetCustomersResponse.content["application/json"].examples.twoOfTwoHundred.value);
}

describe("validateResponse", () => {
  it("accepts the 200 example of Get Customers", () => {
    expect(validateResponse("GetCustomers", 200, twoCustomers())).toEqual([]);
  });

  const examples = specExamples();
  it("covers both operations' examples", () => {
    expect(new Set(examples.map((example) => example.operationId))).toEqual(new Set(["GetCustomers", "CreateToken"]));
    expect(examples.length).toBeGreaterThan(15);
  });
  it.each(examples.map((example) => [`${example.operationId} ${example.status} ${example.mediaType} ${example.name}`, example] as const))(
    "accepts the spec's example %s",
    (_label, example) => {
      expect(validateResponse(example.operationId, example.status, example.value)).toEqual([]);
    },
  );

  it("lets through fields the API may add later (responses are open)", () => {
    const body = twoCustomers();
    body.nextCursor = "abc";
    body.customers[0].loyaltyTier = { level: 3 };
    body.customers[1].tags = ["x"];
    expect(validateResponse("GetCustomers", 200, body)).toEqual([]);
    expect(validateResponse("GetCustomers", 401, { code: "10022", message: "Invalid token", traceId: "t-1" })).toEqual([]);
    expect(validateResponse("CreateToken", 200, { token: "abc", expiresIn: 5400 })).toEqual([]);
  });

  it("accepts null in the optional fields and an empty page", () => {
    const body = twoCustomers();
    for (const field of ["firstName", "lastName", "lastModifiedDate", "email", "phone", "addressLine1", "city", "state", "postalCode", "country"]) {
      body.customers[0][field] = null;
    }
    delete body.found;
    expect(validateResponse("GetCustomers", 200, body)).toEqual([]);
    expect(validateResponse("GetCustomers", 200, { displaying: 0, moreAvailable: false, customers: [] })).toEqual([]);
  });

  it("fails a field that changes type, naming the path, the rule and the value's type", () => {
    const body = twoCustomers();
    body.displaying = "two";
    body.customers[1].id = 123;
    expect(validateResponse("GetCustomers", 200, body)).toEqual([
      { path: "/displaying", rule: "type", message: "must be integer", valueType: "string" },
      { path: "/customers/1/id", rule: "type", message: "must be string", valueType: "number" },
    ]);
  });

  it("names a missing required field by its path", () => {
    const body = twoCustomers();
    delete body.moreAvailable;
    delete body.customers[0].username;
    expect(validateResponse("GetCustomers", 200, body)).toEqual([
      { path: "/moreAvailable", rule: "required", message: "must have required property 'moreAvailable'", valueType: "undefined" },
      { path: "/customers/0/username", rule: "required", message: "must have required property 'username'", valueType: "undefined" },
    ]);
  });

  it("checks patterns, enums, bounds and lengths from the spec", () => {
    const body = twoCustomers();
    body.found = -1;
    body.customers[0].createdDate = "2020-12-08";
    body.customers[0].type = "closed";
    body.customers[1].phone = "+61 3 1234 1234 ext 5";
    expect(validateResponse("GetCustomers", 200, body)).toEqual([
      { path: "/found", rule: "minimum", message: "must be >= 0", valueType: "number" },
      { path: "/customers/0/type", rule: "enum", message: 'must be one of "active", "testing"', valueType: "string" },
      { path: "/customers/0/createdDate", rule: "pattern", message: 'must match pattern "^[0-9]+$"', valueType: "string" },
      { path: "/customers/1/phone", rule: "maxLength", message: "must NOT have more than 15 characters", valueType: "string" },
    ]);
  });

  it("reports a union field once, listing what it may be", () => {
    const body = twoCustomers();
    body.customers[0].lastModifiedDate = 1607450357;
    body.customers[1].firstName = 7;
    expect(validateResponse("GetCustomers", 200, body)).toEqual([
      { path: "/customers/0/lastModifiedDate", rule: "anyOf", message: "must match one of: must be string; or must be null", valueType: "number" },
      { path: "/customers/1/firstName", rule: "type", message: "must be string or null", valueType: "number" },
    ]);
  });

  it("fails a body that is not an object at all", () => {
    expect(validateResponse("GetCustomers", 200, [])).toEqual([{ path: "", rule: "type", message: "must be object", valueType: "array" }]);
    expect(validateResponse("GetCustomers", 200, undefined)).toEqual([{ path: "", rule: "type", message: "must be object", valueType: "undefined" }]);
  });

  describe("error bodies", () => {
    it("accepts code as a number or a string", () => {
      expect(validateResponse("GetCustomers", 404, { code: 12401, message: "partner not found" })).toEqual([]);
      expect(validateResponse("GetCustomers", 404, { code: "14003", message: "Aggregation connect partner not found." })).toEqual([]);
      expect(validateResponse("GetCustomers", 400, { code: "41003" })).toEqual([]);
    });

    it("fails a code of another type, a missing code and a non-string message", () => {
      expect(validateResponse("GetCustomers", 400, { code: true, message: "x" })).toEqual([
        { path: "/code", rule: "type", message: "must be integer or string", valueType: "boolean" },
      ]);
      expect(validateResponse("GetCustomers", 500, { message: 5 })).toEqual([
        { path: "/code", rule: "required", message: "must have required property 'code'", valueType: "undefined" },
        { path: "/message", rule: "type", message: "must be string", valueType: "number" },
      ]);
      expect(validateResponse("GetCustomers", 401, { code: 1.5 })).toEqual([
        { path: "/code", rule: "type", message: "must be integer or string", valueType: "number" },
      ]);
      // The spec dropped `format: int32` from ErrorMessage.code (ambiguous on an integer-or-string type): no upper bound.
      expect(validateResponse("GetCustomers", 429, { code: 2 ** 31 })).toEqual([]);
    });

    it("accepts a text body where the spec declares text/plain, and checks JSON-only statuses", () => {
      expect(validateResponse("GetCustomers", 401, "Invalid (Finicity-App-Key)")).toEqual([]);
      expect(validateResponse("CreateToken", 503, "Service Temporarily Unavailable")).toEqual([]);
      expect(validateResponse("GetCustomers", 400, "Bad request")).toEqual([
        { path: "", rule: "type", message: "must be object", valueType: "string" },
      ]);
    });
  });

  it("returns no issues for a status the spec does not declare", () => {
    expect(validateResponse("GetCustomers", 418, { anything: 1 })).toEqual([]);
    expect(validateResponse("CreateToken", 404, "nope")).toEqual([]);
  });

  it("validates the token response", () => {
    expect(validateResponse("CreateToken", 200, { token: "AbCdEf" })).toEqual([]);
    expect(validateResponse("CreateToken", 200, { token: 42 })).toEqual([
      { path: "/token", rule: "type", message: "must be string", valueType: "number" },
    ]);
    expect(validateResponse("CreateToken", 200, {})).toEqual([
      { path: "/token", rule: "required", message: "must have required property 'token'", valueType: "undefined" },
    ]);
  });

  it("refuses an operation the spec does not have", () => {
    expect(() => validateResponse("DeleteCustomer" as "GetCustomers", 200, {})).toThrow(
      new TypeError('validateResponse: unknown operationId "DeleteCustomer"; expected one of GetCustomers, CreateToken'),
    );
  });

  it("never puts a value into a message", () => {
    const secret = "S3CR3T-9f8e7d6c5b4a";
    const secretNumber = 987654321012;
    const wrong = (value: string) => ({ __secret: [value] });
    const bodies: Array<["GetCustomers" | "CreateToken", number, unknown]> = [
      ["CreateToken", 200, { token: { value: secret } }],
      ["CreateToken", 200, { token: secretNumber }],
      ["CreateToken", 401, { code: wrong(secret), message: secretNumber }],
      [
        "GetCustomers",
        200,
        {
          found: `${secret}-found`,
          displaying: secretNumber,
          moreAvailable: secret,
          customers: [
            { id: secretNumber, username: `${secret}`.repeat(40), type: secret, createdDate: secret, lastModifiedDate: secret, phone: `${secret}${secret}`, email: secretNumber, [secret]: 1 },
            secret,
          ],
        },
      ],
    ];
    const issues: ValidationIssue[] = bodies.flatMap(([operationId, status, body]) => validateResponse(operationId, status, body));
    expect(issues.length).toBeGreaterThan(12);
    for (const issue of issues) {
      const text = `${issue.message} ${issue.rule} ${issue.valueType}`;
      expect(text).not.toContain(secret);
      expect(text).not.toContain(String(secretNumber));
      expect(text).not.toContain("S3CR3T");
    }
  });
});
