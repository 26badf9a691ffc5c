// The usage profile's orders and identities, driven directly: header names and JSON types come out sorted whatever
// order they came in, a shape's identity ignores the order of parameters, a text value of digits stays text for
// a text parameter, a length class is listed once, content types are trimmed, and nested arrays stop at 6 levels.
import { describe, expect, it } from "vitest";
import type { SandboxRequest } from "../src/sandbox/core.js";
import type { SandboxAnswer } from "../src/sandbox/responses.js";
import { UsageRecorder, type OperationUsage } from "../src/sandbox/usage.js";

const PATH = "/aggregation/v1/customers";

function request(query: string, headers: Record<string, string> = {}): SandboxRequest {
  return { method: "GET", path: PATH, query: new URLSearchParams(query), headers, body: async () => "" };
}

function answer(status: number, body: unknown, contentType = "application/json"): SandboxAnswer {
  return { status, headers: { "content-type": contentType }, body: typeof body === "string" ? body : JSON.stringify(body) };
}

function getCustomers(recorder: UsageRecorder): OperationUsage {
  const usage = recorder.profile().operations["GetCustomers"];
  expect(usage, "GetCustomers in the profile").toBeDefined();
  return usage!;
}

describe("UsageRecorder orders", () => {
  it("lists header names in order whatever order the calls brought them in", () => {
    const recorder = new UsageRecorder();
    for (const name of ["x-delta", "x-charlie", "x-echo", "x-alpha", "x-bravo"]) recorder.observe(request("", { [name]: "1" }), answer(200, {}));
    recorder.observe(request("", { "x-alpha": "1" }), answer(200, {}));
    const { headers } = getCustomers(recorder);
    expect(Object.entries(headers)).toEqual([
      ["x-alpha", 2],
      ["x-bravo", 1],
      ["x-charlie", 1],
      ["x-delta", 1],
      ["x-echo", 1],
    ]);
  });

  it("lists the JSON types seen at a path in order whatever order they came in", () => {
    const recorder = new UsageRecorder();
    for (const value of ["text", null, 1.5, true, 2, {}, []]) recorder.observe(request(""), answer(200, { value }));
    expect(getCustomers(recorder).responses["200"]!.fields).toEqual({ value: ["array", "boolean", "integer", "null", "number", "object", "string"] });
  });

  it("counts calls with the same parameters in another order as one shape", () => {
    const recorder = new UsageRecorder();
    recorder.observe(request("start=1&limit=10&type=active"), answer(200, {}));
    recorder.observe(request("type=active&limit=25&start=3"), answer(200, {}));
    expect(getCustomers(recorder).shapes).toEqual([
      {
        parameters: { start: { kind: "integer", min: 1, max: 3 }, limit: { kind: "integer", min: 10, max: 25 }, type: { kind: "enum", value: "active" } },
        credentials: [],
        status: "200",
        calls: 2,
      },
    ]);
  });

  it("keeps digits sent to a text parameter as text, and lists each length class once", () => {
    const recorder = new UsageRecorder();
    for (const query of ["username=12345", "username=abc", "search=123456789&username=42", "search=plain-words"]) recorder.observe(request(query), answer(200, {}));
    expect(getCustomers(recorder).shapes.map((shape) => [shape.calls, shape.parameters])).toEqual([
      [2, { username: { kind: "text", lengths: ["1-5"] } }],
      [1, { search: { kind: "text", lengths: ["6-16"] }, username: { kind: "text", lengths: ["1-5"] } }],
      [1, { search: { kind: "text", lengths: ["6-16"] } }],
    ]);
  });
});

describe("UsageRecorder samples", () => {
  it("trims the media type before judging it JSON", () => {
    const recorder = new UsageRecorder();
    recorder.observe(request(""), answer(200, { found: 1 }, " Application/JSON ; charset=utf-8"));
    expect(getCustomers(recorder).responses).toEqual({ "200": { contentType: "application/json", fields: { found: ["integer"] } } });
  });

  it("stops at 6 levels of nested arrays", () => {
    const recorder = new UsageRecorder();
    recorder.observe(request(""), answer(200, [[[[[[[[[1]]]]]]]]]));
    const paths = Object.keys(getCustomers(recorder).responses["200"]!.fields);
    expect(paths).toEqual(["[]", "[][]", "[][][]", "[][][][]", "[][][][][]", "[][][][][][]"]);
  });
});
