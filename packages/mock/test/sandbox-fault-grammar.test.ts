// The X-Mock-Fault grammar as a client meets it (spaces and empty items, multi-digit retry-after, an empty fault),
// the fault string written to the request log (formatFault), and validateFault's refusals of non-object faults
// and of values that only look like a string.
import { describe, expect, it } from "vitest";
import { thrown } from "./input-error.js";
import { createSandboxFetch } from "../src/index.js";

function setup(options: Parameters<typeof createSandboxFetch>[0] = {}) {
  const sandboxFetch = createSandboxFetch({ seed: "grammar", customers: 2, ...options });
  const token = sandboxFetch.sandbox.issueToken();
  const get = async (fault?: string) => {
    const headers: Record<string, string> = { "App-Key": "demo-app-key", "Finicity-App-Token": token };
    if (fault !== undefined) headers["X-Mock-Fault"] = fault;
    const response = await sandboxFetch("http://sandbox.test/aggregation/v1/customers", { headers });
    return { status: response.status, retryAfter: response.headers.get("retry-after"), contentType: response.headers.get("content-type") };
  };
  /** The fault noted on each logged request ("none" when the entry has no fault field). */
  const logged = () => sandboxFetch.sandbox.requests.map((request) => ("fault" in request ? request.fault : "none"));
  return { sandboxFetch, control: sandboxFetch.sandbox, get, logged };
}

describe("X-Mock-Fault from a client", () => {
  it("ignores spaces around items and empty items", async () => {
    const { get, logged } = setup();
    expect(await get(" ; status=503 ;  ; ")).toEqual({ status: 503, retryAfter: null, contentType: "application/json" });
    expect(await get("status=503;retry-after= 12 ")).toEqual({ status: 503, retryAfter: "12", contentType: "application/json" });
    expect(await get("content-type= text/plain ")).toEqual({ status: 200, retryAfter: null, contentType: "text/plain" });
    expect(logged()).toEqual(["status=503", "status=503;retry-after=12", "content-type=text/plain"]);
  });

  it("writes every item back to the request log, in the grammar's order", async () => {
    const { get, logged } = setup();
    expect(await get("content-type=text/plain; retry-after=120; status=429; latency=1")).toEqual({ status: 429, retryAfter: "120", contentType: "text/plain" });
    expect(logged()).toEqual(["latency=1;status=429;retry-after=120;content-type=text/plain"]);
  });

  it("an empty fault (header of empty items, or faults.always: {}) is no fault: the log entry has none", async () => {
    const { get, logged } = setup({ faults: { always: {} } });
    expect(await get("")).toEqual({ status: 200, retryAfter: null, contentType: "application/json" });
    expect(await get(" ; ")).toEqual({ status: 200, retryAfter: null, contentType: "application/json" });
    expect(await get()).toEqual({ status: 200, retryAfter: null, contentType: "application/json" });
    expect(logged()).toEqual(["none", "none", "none"]);
  });

  it("a queued empty fault is no fault either", async () => {
    const { control, get, logged } = setup();
    control.failNext(1, {});
    expect((await get()).status).toBe(200);
    expect(logged()).toEqual(["none"]);
  });
});

describe("validateFault through failNext", () => {
  it("refuses a fault that is not an object", () => {
    const { control } = setup();
    for (const fault of [null, "status=503", 503]) {
      expect(thrown(() => control.failNext(1, fault as never)), String(fault)).toEqual({
        name: "SandboxInputError",
        message: "failNext fault must be an object",
        field: "failNext fault",
      });
    }
  });

  it("refuses a retry-after that is neither whole seconds nor an HTTP-date, even one that reads as one", () => {
    const { control } = setup();
    const refusal = {
      name: "SandboxInputError",
      message: "failNext fault retry-after must be whole seconds or an HTTP-date (Wed, 21 Oct 2026 07:28:00 GMT)",
      field: "failNext fault retry-after",
    };
    for (const retryAfter of [-1, 1.5, "soon", "5", ["Wed, 21 Oct 2026 07:28:00 GMT"], [5]]) {
      expect(thrown(() => control.failNext(1, { status: 503, retryAfter: retryAfter as never })), JSON.stringify(retryAfter)).toEqual(refusal);
    }
    for (const retryAfter of [0, 7, "Wed, 21 Oct 2026 07:28:00 GMT"]) {
      expect(thrown(() => control.failNext(1, { status: 503, retryAfter })), String(retryAfter)).toBe("no error");
    }
  });

  it("refuses a content type that is not a string, even one that reads as a media type", () => {
    const { control } = setup();
    for (const contentType of [["text/html"], { toString: () => "text/html" }, 5]) {
      expect(thrown(() => control.failNext(1, { contentType: contentType as never })), String(contentType)).toEqual({
        name: "SandboxInputError",
        message: "failNext fault content-type must be a media type such as text/html",
        field: "failNext fault content-type",
      });
    }
  });
});
