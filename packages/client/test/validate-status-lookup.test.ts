// How validateResponse picks the rule for a status (exact, then `5XX`-style ranges, then `default`) and what it
// returns for a text-only rule or a validator that leaves no errors. The spec declares neither ranges nor text-only
// statuses, so the generated validators are replaced here with a hand-made map.
import { describe, expect, it, vi } from "vitest";

const failing = (errors: unknown) => Object.assign(() => false, { errors });
const exact = failing([{ instancePath: "", schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "exact" }]);
const range = failing([{ instancePath: "", schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "range" }]);
const fallback = failing([{ instancePath: "", schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "default" }]);
const silent = failing(undefined);

vi.mock("../src/generated/validators.js", () => ({
  responses: {
    GetCustomers: { "200": { json: exact }, "5XX": { json: range }, default: { json: fallback } },
    CreateToken: { "200": { text: true }, "503": { json: silent } },
  },
}));

const { validateResponse } = await import("../src/validate/index.js");
const messages = (operationId: "GetCustomers" | "CreateToken", status: number, body: unknown) =>
  validateResponse(operationId, status, body).map((issue) => issue.message);

describe("validateResponse: which rule a status gets", () => {
  it("takes the exact status first, then its range, then default", () => {
    expect(messages("GetCustomers", 200, 1)).toEqual(["exact"]);
    expect(messages("GetCustomers", 503, 1)).toEqual(["range"]);
    expect(messages("GetCustomers", 418, 1)).toEqual(["default"]);
    expect(messages("GetCustomers", 404, 1)).toEqual(["default"]);
  });

  it("checks nothing where the status has no JSON schema, whatever the body", () => {
    expect(validateResponse("CreateToken", 200, { token: 1 })).toEqual([]);
    expect(validateResponse("CreateToken", 200, "text")).toEqual([]);
  });

  it("returns no issues from a failing validator that left no errors", () => {
    expect(validateResponse("CreateToken", 503, {})).toEqual([]);
  });
});
