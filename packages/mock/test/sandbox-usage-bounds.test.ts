// The usage recorder's rules one at a time, driven directly with requests and answers: each bound (names, header
// names, sampled bodies, fields, depth, array items), the order of shapes and lengths, which answers are sampled,
// and which requests are not the API's. test/sandbox-usage.test.ts checks a whole profile through the sandbox.
import { describe, expect, it } from "vitest";
import type { SandboxRequest } from "../src/sandbox/core.js";
import type { SandboxAnswer } from "../src/sandbox/responses.js";
import { UsageRecorder, type OperationUsage } from "../src/sandbox/usage.js";

const PATH = "/aggregation/v1/customers";

function request(query: string, headers: Record<string, string> = {}, method = "GET", path = PATH): SandboxRequest {
  return { method, path, query: new URLSearchParams(query), headers, body: async () => "" };
}

function answer(status: number, body: unknown, contentType = "application/json; charset=utf-8", extra: Partial<SandboxAnswer> = {}): SandboxAnswer {
  return { status, headers: { "content-type": contentType }, body: typeof body === "string" ? body : JSON.stringify(body), ...extra };
}

function getCustomers(recorder: UsageRecorder): OperationUsage {
  const usage = recorder.profile().operations["GetCustomers"];
  expect(usage, "GetCustomers in the profile").toBeDefined();
  return usage!;
}

describe("UsageRecorder", () => {
  it("ignores what is not one of the API's operations, and returns the answer it was given", () => {
    const recorder = new UsageRecorder();
    const given = answer(200, {});
    expect(recorder.observe(request("", {}, "POST"), given)).toBe(given);
    expect(recorder.observe(request("", {}, "GET", "/aggregation/v1/customers/1"), given)).toBe(given);
    expect(recorder.observe(request("", {}, "GET", "/aggregation/v2/partners/authentication"), given)).toBe(given);
    expect(recorder.profile()).toEqual({ format: "finicity-usage-profile", version: 2, operations: {} });
    recorder.observe(request("", {}, "get"), given); // the method in any case
    recorder.observe(request("", {}, "post", "/aggregation/v2/partners/authentication"), answer(200, { token: "t" }));
    expect(Object.keys(recorder.profile().operations).sort()).toEqual(["CreateToken", "GetCustomers"]);
    expect(recorder.profile().operations["CreateToken"]).toMatchObject({ method: "POST", path: "/aggregation/v2/partners/authentication", calls: 1 });
  });

  it("classifies values: empty, enum, integer (up to 15 digits, signed), else text", () => {
    const recorder = new UsageRecorder();
    const queries = ["type=active", "type=ACTIVE", "type=", "start=-7", "start=%2B12", "start=1234567890123456", "start=1.5", "username=abc"];
    for (const query of queries) recorder.observe(request(query), answer(200, {}));
    // Most calls first; equal counts in the order first seen.
    expect(getCustomers(recorder).shapes.map((shape) => [shape.calls, shape.parameters])).toEqual([
      [2, { start: { kind: "integer", min: -7, max: 12 } }],
      [2, { start: { kind: "text", lengths: ["1-5", "6-16"] } }],
      [1, { type: { kind: "enum", value: "active" } }],
      [1, { type: { kind: "text", lengths: ["6-16"] } }],
      [1, { type: { kind: "empty" } }],
      [1, { username: { kind: "text", lengths: ["1-5"] } }],
    ]);
  });

  it("keeps one shape per status, sorted by calls (most first), and merges ranges and lengths in class order", () => {
    const recorder = new UsageRecorder();
    recorder.observe(request("limit=1001"), answer(400, { code: 1 }));
    for (const [limit, username] of [["5", "a".repeat(300)], ["2", "abc"], ["9", "a".repeat(20)]] as const) {
      recorder.observe(request(`limit=${limit}&username=${username}`), answer(200, {}));
    }
    const { shapes, calls } = getCustomers(recorder);
    expect(calls).toBe(4);
    expect(shapes).toEqual([
      { parameters: { limit: { kind: "integer", min: 2, max: 9 }, username: { kind: "text", lengths: ["1-5", "17-64", "256+"] } }, credentials: [], status: "200", calls: 3 },
      { parameters: { limit: { kind: "integer", min: 1001, max: 1001 } }, credentials: [], status: "400", calls: 1 },
    ]);
  });

  it("counts a repeated parameter once, and its first value", () => {
    const recorder = new UsageRecorder();
    recorder.observe(request("start=3&start=x"), answer(200, {}));
    expect(getCustomers(recorder).shapes[0]!.parameters).toEqual({ start: { kind: "integer", min: 3, max: 3 } });
  });

  it("names credential headers in the shape, counts other headers, and leaves out transport and sec- headers", () => {
    const recorder = new UsageRecorder();
    const headers = { "finicity-app-token": "t", "app-key": "k", "x-trace": "1", host: "h", "user-agent": "u", "sec-fetch-mode": "cors", "x-mock-fault": "drop", cookie: "c" };
    recorder.observe(request("", headers), answer(200, {}));
    recorder.observe(request("", { "x-trace": "2", authorization: "Bearer x" }), answer(401, {}));
    const usage = getCustomers(recorder);
    expect(usage.shapes.map((shape) => shape.credentials)).toEqual([["app-key", "finicity-app-token"], ["authorization"]]);
    expect(usage.headers).toEqual({ "x-trace": 2 });
  });

  it("sorts header names and undeclared parameter names, and lower-cases parameter names", () => {
    const recorder = new UsageRecorder();
    recorder.observe(request("Zeta=1&alpha=2&MIDDLE=3"), answer(200, {}));
    recorder.observe(request("", { "x-b": "1", "x-a": "1", "x-c": "1" }), answer(200, {}));
    const usage = getCustomers(recorder);
    expect(usage.undeclaredParameters).toEqual(["alpha", "middle", "zeta"]);
    expect(Object.keys(usage.headers)).toEqual(["x-a", "x-b", "x-c"]);
  });

  it("names at most 50 undeclared parameters and 50 headers, still counting the headers it already has", () => {
    const recorder = new UsageRecorder();
    const names = Array.from({ length: 60 }, (_, i) => `p${String(i).padStart(2, "0")}`);
    recorder.observe(request(names.map((name) => `${name}=1`).join("&"), Object.fromEntries(names.map((name) => [`x-${name}`, "1"]))), answer(200, {}));
    recorder.observe(request("", { "x-p00": "1", "x-p49": "1", "x-p50": "1" }), answer(200, {}));
    const usage = getCustomers(recorder);
    expect(usage.undeclaredParameters).toEqual(names.slice(0, 50));
    expect(Object.keys(usage.headers)).toEqual(names.slice(0, 50).map((name) => `x-${name}`));
    expect(usage.headers["x-p00"]).toBe(2);
    expect(usage.headers["x-p49"]).toBe(2);
    expect(usage.headers["x-p48"]).toBe(1);
  });

  it("samples the JSON bodies of each status: field paths and types, never values", () => {
    const recorder = new UsageRecorder();
    recorder.observe(request(""), answer(200, { found: 2, ratio: 1.5, moreAvailable: false, note: null, customers: [{ id: "1", tags: [] }, { id: "2", extra: { deep: true } }] }));
    recorder.observe(request(""), answer(200, { found: "two" }));
    recorder.observe(request("limit=0"), answer(400, { code: 10, message: "bad" }, "APPLICATION/JSON"));
    expect(getCustomers(recorder).responses).toEqual({
      "200": {
        contentType: "application/json",
        fields: {
          found: ["integer", "string"],
          ratio: ["number"],
          moreAvailable: ["boolean"],
          note: ["null"],
          customers: ["array"],
          "customers[]": ["object"],
          "customers[].id": ["string"],
          "customers[].tags": ["array"],
          "customers[].extra": ["object"],
          "customers[].extra.deep": ["boolean"],
        },
      },
      "400": { contentType: "application/json", fields: { code: ["integer"], message: ["string"] } },
    });
  });

  it("reads bodies given as bytes, and does not sample a truncated, non-JSON or unparsable body", () => {
    const recorder = new UsageRecorder();
    recorder.observe(request(""), answer(200, "", "application/json", { body: new TextEncoder().encode(JSON.stringify({ bytes: 1 })) }));
    recorder.observe(request(""), answer(200, { truncated: 1 }, "application/json", { truncate: true }));
    recorder.observe(request(""), answer(200, "{not json", "application/json"));
    recorder.observe(request("start=1"), answer(500, { text: 1 }, "text/plain"));
    recorder.observe(request("start=2"), { status: 502, headers: {}, body: "{}" });
    const { responses } = getCustomers(recorder);
    expect(responses["200"]).toEqual({ contentType: "application/json", fields: { bytes: ["integer"] } });
    expect(responses["500"]).toEqual({ contentType: "text/plain", fields: {} });
    expect(responses["502"]).toEqual({ contentType: "", fields: {} });
  });

  it("samples at most 20 bodies of a status", () => {
    const recorder = new UsageRecorder();
    for (let i = 0; i < 25; i++) recorder.observe(request(""), answer(200, { [`f${i}`]: i }));
    expect(Object.keys(getCustomers(recorder).responses["200"]!.fields)).toEqual(Array.from({ length: 20 }, (_, i) => `f${i}`));
  });

  it("keeps at most 200 field paths, names of at most 64 characters, 6 levels and the first 50 items of an array", () => {
    const recorder = new UsageRecorder();
    const wide = Object.fromEntries(Array.from({ length: 210 }, (_, i) => [`k${String(i).padStart(3, "0")}`, i]));
    recorder.observe(request(""), answer(200, wide));
    expect(Object.keys(getCustomers(recorder).responses["200"]!.fields)).toHaveLength(200);

    const other = new UsageRecorder();
    const deep = { a: { b: { c: { d: { e: { f: { g: 1 } } } } } } };
    const items = Array.from({ length: 60 }, (_, i) => (i < 50 ? { id: 1 } : { late: 1 }));
    other.observe(request(""), answer(200, { [`${"n".repeat(64)}`]: 1, [`${"m".repeat(65)}`]: 1, deep, items }));
    expect(Object.keys(getCustomers(other).responses["200"]!.fields)).toEqual([
      "n".repeat(64),
      "deep",
      "deep.a",
      "deep.a.b",
      "deep.a.b.c",
      "deep.a.b.c.d",
      "deep.a.b.c.d.e",
      "items",
      "items[]",
      "items[].id",
    ]);
  });

  it("returns a copy: changing a profile does not change the next one", () => {
    const recorder = new UsageRecorder();
    recorder.observe(request("start=1&username=abc", { "app-key": "k" }), answer(200, {}));
    const first = recorder.profile();
    const shape = first.operations["GetCustomers"]!.shapes[0]!;
    (shape.parameters["start"] as { min: number }).min = 99;
    (shape.parameters["username"] as { lengths: string[] }).lengths.push("256+");
    shape.credentials.push("authorization");
    expect(recorder.profile()).not.toEqual(first);
    expect(recorder.profile().operations["GetCustomers"]!.shapes[0]).toEqual({
      parameters: { start: { kind: "integer", min: 1, max: 1 }, username: { kind: "text", lengths: ["1-5"] } },
      credentials: ["app-key"],
      status: "200",
      calls: 1,
    });
  });
});
