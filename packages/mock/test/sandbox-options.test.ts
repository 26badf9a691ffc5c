// The sandbox's options and fault descriptions, refused or accepted at their edges, with the exact field and
// rule each refusal names (createSandbox, parseFaultHeader and failNext as a user calls them).
import { describe, expect, it } from "vitest";
import { createSandbox, parseFaultHeader, SandboxInputError, type Fault, type SandboxOptions } from "../src/index.js";

function refusal(run: () => unknown): { field: string; message: string } | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SandboxInputError);
    const { field, rule, name, message } = error as SandboxInputError;
    // The message is the field and the rule, and the error says what it is when printed.
    expect({ name, message }).toEqual({ name: "SandboxInputError", message: `${field} ${rule}` });
    return { field, message };
  }
  return undefined;
}

describe("createSandbox options", () => {
  it.each<[string, SandboxOptions, string, string]>([
    ["a seed of NaN", { seed: Number.NaN }, "seed", "seed must be a string or a finite number"],
    ["a seed object", { seed: {} as never }, "seed", "seed must be a string or a finite number"],
    ["-1 customers", { customers: -1 }, "customers", "customers must be a whole number from 0 to 100000"],
    ["100001 customers", { customers: 100_001 }, "customers", "customers must be a whole number from 0 to 100000"],
    ["null credentials", { credentials: null as never }, "credentials", "credentials must be an object"],
    ["an empty partnerId", { credentials: { partnerId: "" } }, "credentials.partnerId", "credentials.partnerId must be a non-empty string when given"],
    ["a numeric partnerSecret", { credentials: { partnerSecret: 5 as never } }, "credentials.partnerSecret", "credentials.partnerSecret must be a non-empty string when given"],
    ["a tokenTtlMs of Infinity", { tokenTtlMs: Infinity }, "tokenTtlMs", "tokenTtlMs must be a positive number of milliseconds"],
    ["a string tokenTtlMs", { tokenTtlMs: "5" as never }, "tokenTtlMs", "tokenTtlMs must be a positive number of milliseconds"],
    ["a clock that is not a function", { now: 5 as never }, "now", "now must be a function returning milliseconds"],
    ["-1 recorded requests", { maxRecordedRequests: -1 }, "maxRecordedRequests", "maxRecordedRequests must be a whole number, 0 or more, or Infinity"],
    ["1.5 recorded requests", { maxRecordedRequests: 1.5 }, "maxRecordedRequests", "maxRecordedRequests must be a whole number, 0 or more, or Infinity"],
    ["a string for recorded requests", { maxRecordedRequests: "5" as never }, "maxRecordedRequests", "maxRecordedRequests must be a whole number, 0 or more, or Infinity"],
    ["a first fault count of -1", { faults: { first: { count: -1, fault: {} } } }, "faults.first.count", "faults.first.count must be a whole number, 0 or more"],
    ["a first fault count of 0.5", { faults: { first: { count: 0.5, fault: {} } } }, "faults.first.count", "faults.first.count must be a whole number, 0 or more"],
    ["a bad first fault", { faults: { first: { count: 1, fault: { status: 200 } } } }, "faults.first.fault status", "faults.first.fault status must be an HTTP error status from 400 to 599"],
    ["a bad fault for every request", { faults: { always: { drop: "yes" as never } } }, "faults.always drop", "faults.always drop must be a boolean"],
  ])("refuses %s", (_name, options, field, message) => {
    expect(refusal(() => createSandbox(options))).toEqual({ field, message });
  });

  it("accepts the edges: 0 and 100000 customers, 0 and Infinity recorded requests, any finite seed", () => {
    for (const options of [{ customers: 0 }, { customers: 100_000 }, { maxRecordedRequests: 0 }, { maxRecordedRequests: Infinity }, { seed: -1.5 }, { seed: "" }, { tokenTtlMs: 0.5 }]) {
      expect(refusal(() => createSandbox(options)), JSON.stringify(options)).toBeUndefined();
    }
  });
});

describe("faults", () => {
  it.each<[string, Fault]>([
    ["latency=0", { latencyMs: 0 }],
    ["latency=600000", { latencyMs: 600_000 }],
    [" Status = 400 ; retry-after=0 ", { status: 400, retryAfter: 0 }],
    ["status=599;retry-after=Wed, 21 Oct 2026 07:28:00 GMT", { status: 599, retryAfter: "Wed, 21 Oct 2026 07:28:00 GMT" }],
    ["drop;;truncate", { drop: true, truncate: true }],
    ["content-type=text/html", { contentType: "text/html" }],
    ["", {}],
  ])("parses %j", (header, fault) => {
    expect(parseFaultHeader(header)).toEqual(fault);
  });

  it.each([
    ["latency=-1", "X-Mock-Fault latency", "must be a whole number of milliseconds from 0 to 600000"],
    ["latency=600001", "X-Mock-Fault latency", "must be a whole number of milliseconds from 0 to 600000"],
    ["latency=1.5", "X-Mock-Fault latency", "must be a whole number of milliseconds from 0 to 600000"],
    ["status=399", "X-Mock-Fault status", "must be an HTTP error status from 400 to 599"],
    ["status=600", "X-Mock-Fault status", "must be an HTTP error status from 400 to 599"],
    ["status=", "X-Mock-Fault status", "needs a value (name=value)"],
    ["latency", "X-Mock-Fault latency", "needs a value (name=value)"],
    ["drop=1", "X-Mock-Fault drop", "takes no value"],
    ["truncate=", "X-Mock-Fault truncate", "takes no value"],
    ["retry-after=5", "X-Mock-Fault retry-after", "needs a status as well"],
    ["status=503;retry-after=soon", "X-Mock-Fault retry-after", "must be whole seconds or an HTTP-date (Wed, 21 Oct 2026 07:28:00 GMT)"],
    ["status=503;retry-after=wed, 21 Oct 2026 07:28:00 GMT", "X-Mock-Fault retry-after", "must be whole seconds or an HTTP-date (Wed, 21 Oct 2026 07:28:00 GMT)"],
    ["status=503;retry-after=Wed, 21 Oct 2026 07:28:00 GMTx", "X-Mock-Fault retry-after", "must be whole seconds or an HTTP-date (Wed, 21 Oct 2026 07:28:00 GMT)"],
    ["content-type=html", "X-Mock-Fault content-type", "must be a media type such as text/html"],
    ["content-type=text/html x", "X-Mock-Fault content-type", "must be a media type such as text/html"],
    ["Slow=1", 'X-Mock-Fault "slow"', "is not a fault (use latency=MS, status=CODE, retry-after=S, drop, truncate, content-type=TYPE)"],
  ])("refuses the header %j, naming %s", (header, field, rule) => {
    expect(refusal(() => parseFaultHeader(header))).toEqual({ field, message: `${field} ${rule}` });
  });

  it("refuses faults given in code that are not objects, or with bad fields", () => {
    const { control } = createSandbox({ customers: 1 });
    expect(refusal(() => control.failNext(1, null as never))).toEqual({ field: "failNext fault", message: "failNext fault must be an object" });
    expect(refusal(() => control.failNext(1, { status: 503, retryAfter: -1 }))).toMatchObject({ field: "failNext fault retry-after" });
    expect(refusal(() => control.failNext(1, { status: 503, retryAfter: 1.5 }))).toMatchObject({ field: "failNext fault retry-after" });
    expect(refusal(() => control.failNext(1, { truncate: 1 as never }))).toEqual({ field: "failNext fault truncate", message: "failNext fault truncate must be a boolean" });
    expect(refusal(() => control.failNext(1, { contentType: 5 as never }))).toMatchObject({ field: "failNext fault content-type" });
    expect(refusal(() => control.failNext(-1, {}))).toEqual({ field: "failNext n", message: "failNext n must be a whole number, 0 or more" });
    expect(refusal(() => control.failNext(1.5, {}))).toMatchObject({ field: "failNext n" });
    expect(refusal(() => control.failNext(0, {}))).toBeUndefined();
  });
});
