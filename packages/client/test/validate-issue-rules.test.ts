// How src/validate/issues.ts turns validator errors into issues: null values through the client, then (with
// hand-made Ajv-style errors, for shapes the spec's schemas never produce) combinator folding, the branch test,
// the message rewrites, JSON-pointer escaping and the value type found at an issue's path.
import { describe, expect, it, vi } from "vitest";
import { ResponseValidationError, createCustomersClient } from "../src/index.js";
import type { GeneratedValidationError } from "../src/generated/validators.js";
import { toIssues } from "../src/validate/issues.js";
import { validateResponse } from "../src/validate/index.js";
import { page } from "./helpers.js";

function err(instancePath: string, schemaPath: string, keyword: string, params: Record<string, unknown> = {}, message?: string): GeneratedValidationError {
  return message === undefined ? { instancePath, schemaPath, keyword, params } : { instancePath, schemaPath, keyword, params, message };
}

describe("null values", () => {
  it("reports a null required field as valueType null, through the client", async () => {
    const customer = { ...page(["1"], false).customers[0], id: null, type: null };
    const fetch = vi.fn(async () => Response.json({ ...page([], false), customers: [customer] }));
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch, validateResponses: true });
    const field = (await client.getCustomers().catch((e: unknown) => e)) as ResponseValidationError;
    expect(field.issues).toEqual([
      { path: "/customers/0/id", rule: "type", message: "must be string", valueType: "null" },
      { path: "/customers/0/type", rule: "type", message: "must be string", valueType: "null" },
      { path: "/customers/0/type", rule: "enum", message: 'must be one of "active", "testing"', valueType: "null" },
    ]);
    expect(field.message).toBe("HTTP 200 answer breaks the spec: /customers/0/id (type, got null); /customers/0/type (type, got null); /customers/0/type (enum, got null)");
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("validateResponse: a null body", () => {
    expect(validateResponse("GetCustomers", 200, null)).toEqual([{ path: "", rule: "type", message: "must be object", valueType: "null" }]);
    expect(validateResponse("CreateToken", 400, null)).toEqual([{ path: "", rule: "type", message: "must be object", valueType: "null" }]);
  });
});

describe("toIssues: combinators", () => {
  it("folds a oneOf's branch errors into one issue, like anyOf", () => {
    const errors = [
      err("/v", "#/properties/v/oneOf/0/type", "type", { type: "string" }, "must be string"),
      err("/v", "#/properties/v/oneOf/1/type", "type", { type: "null" }, "must be null"),
      err("/v", "#/properties/v/oneOf", "oneOf", { passingSchemas: null }, "must match exactly one schema in oneOf"),
    ];
    expect(toIssues(errors, { v: 5 })).toEqual([{ path: "/v", rule: "oneOf", message: "must match one of: must be string; or must be null", valueType: "number" }]);
  });

  it("keeps the validator's message for a combinator with no branch errors before it", () => {
    expect(toIssues([err("/v", "#/properties/v/anyOf", "anyOf", {}, "must match a schema in anyOf")], { v: 1 })).toEqual([
      { path: "/v", rule: "anyOf", message: "must match a schema in anyOf", valueType: "number" },
    ]);
  });

  it("folds branch errors below the combinator's path and from $refs, and lists each message once", () => {
    const errors = [
      err("/v/a", "#/properties/v/anyOf/0/properties/a/type", "type", { type: "string" }, "must be string"),
      err("/v", "https://x.invalid/c.json#/$defs/Thing/type", "type", { type: "string" }, "must be string"),
      err("/v", "#/properties/v/anyOf", "anyOf", {}, "must match a schema in anyOf"),
    ];
    expect(toIssues(errors, { v: { a: 1 } })).toEqual([{ path: "/v", rule: "anyOf", message: "must match one of: must be string", valueType: "object" }]);
  });

  it("does not fold errors of other paths or other parts of the schema", () => {
    const errors = [
      err("/w/v", "#/properties/w/properties/v/type", "type", { type: "string" }, "must be string"), // path only ends like it
      err("/v", "#/properties/v/maxLength", "maxLength", { limit: 2 }, "must NOT have more than 2 characters"), // same path, not a branch
      err("/v", "#/properties/v/anyOf/0/type", "type", { type: "integer" }, "must be integer"),
      err("/v", "#/properties/v/anyOf", "anyOf", {}, "must match a schema in anyOf"),
    ];
    expect(toIssues(errors, { v: "abc", w: { v: 1 } })).toEqual([
      { path: "/w/v", rule: "type", message: "must be string", valueType: "number" },
      { path: "/v", rule: "maxLength", message: "must NOT have more than 2 characters", valueType: "string" },
      { path: "/v", rule: "anyOf", message: "must match one of: must be integer", valueType: "string" },
    ]);
  });

  it("folds nothing into an error that is not a combinator", () => {
    const errors = [
      err("/v", "#/properties/v/items/type", "type", { type: "string" }, "must be string"),
      err("/v", "#/properties/v", "contains", { minContains: 1 }, "must contain at least 1 valid item(s)"),
    ];
    expect(toIssues(errors, { v: [] })).toEqual([
      { path: "/v", rule: "type", message: "must be string", valueType: "array" },
      { path: "/v", rule: "contains", message: "must contain at least 1 valid item(s)", valueType: "array" },
    ]);
  });
});

describe("toIssues: messages", () => {
  it("rewrites only type lists and enums, and names the keyword when there is no message", () => {
    const errors = [
      err("/a", "#/properties/a/type", "type", { type: ["string", "null"] }, "must be string,null"),
      err("/b", "#/properties/b/x-list", "x-list", { type: ["a", "b"] }, "custom list"),
      err("/c", "#/properties/c/enum", "enum", { allowedValues: ["x", 2] }, "must be equal to one of the allowed values"),
      err("/d", "#/properties/d/x-allowed", "x-allowed", { allowedValues: ["y"] }, "custom allowed"),
      err("/e", "#/properties/e/enum", "enum", { allowedValues: "x" }, "must be equal to one of the allowed values"),
      err("/f", "#/properties/f/type", "type", { type: "string" }, "must be string"),
      err("/g", "#/properties/g/x-rule", "x-rule", {}),
    ];
    expect(toIssues(errors, {}).map((issue) => issue.message)).toEqual([
      "must be string or null",
      "custom list",
      'must be one of "x", 2',
      "custom allowed",
      "must be equal to one of the allowed values",
      "must be string",
      'must pass "x-rule"',
    ]);
  });
});

describe("toIssues: paths and value types", () => {
  it("escapes a missing property's name into the pointer, and only for required errors", () => {
    const errors = [
      err("/o", "#/properties/o/required", "required", { missingProperty: "a/b~c" }, "must have required property 'a/b~c'"),
      err("/o", "#/properties/o/required", "required", { missingProperty: 7 }, "odd"),
      err("/o", "#/properties/o/x-rule", "x-rule", { missingProperty: "p" }, "not required"),
    ];
    expect(toIssues(errors, { o: { p: 1 } })).toEqual([
      { path: "/o/a~1b~0c", rule: "required", message: "must have required property 'a/b~c'", valueType: "undefined" },
      { path: "/o", rule: "required", message: "odd", valueType: "object" },
      { path: "/o", rule: "x-rule", message: "not required", valueType: "object" },
    ]);
  });

  it("unescapes pointer tokens to find the value", () => {
    const body = { "a/b~c": 5, "a~1b": "s", "ab~c": true, "a/b~0c": null };
    expect(toIssues([err("/a~1b~0c", "#/x", "x-rule", {}, "m")], body)[0]!.valueType).toBe("number");
    expect(toIssues([err("/a~01b", "#/x", "x-rule", {}, "m")], body)[0]!.valueType).toBe("string");
  });

  it("is undefined through null, through a primitive, through a missing or an inherited key", () => {
    const body = { n: null, s: "abc", o: {}, arr: [1] };
    const typeAt = (path: string) => toIssues([err(path, "#/x", "x-rule", {}, "m")], body)[0]!.valueType;
    expect(typeAt("/n/0")).toBe("undefined");
    expect(typeAt("/s/0")).toBe("undefined");
    expect(typeAt("/s/length")).toBe("undefined");
    expect(typeAt("/o/toString")).toBe("undefined");
    expect(typeAt("/missing/x")).toBe("undefined");
    expect(typeAt("/arr/0")).toBe("number");
    expect(typeAt("/arr")).toBe("array");
    expect(typeAt("/n")).toBe("null");
    expect(typeAt("")).toBe("object");
  });
});
