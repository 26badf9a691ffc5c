// Module-level rules of the sandbox, each entry of each table: the fault fields the control API takes, the
// anchors of the username, media-type and HTTP-date patterns, the default seed, and the transport headers the
// usage profile leaves out.
import { describe, expect, it } from "vitest";
import { createSandbox, createSandboxFetch, parseFaultHeader, SandboxInputError } from "../src/index.js";
import { UsageRecorder } from "../src/sandbox/usage.js";

function refusal(run: () => unknown): { field: string; message: string } | "accepted" {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SandboxInputError);
    return { field: (error as SandboxInputError).field, message: (error as Error).message };
  }
  return "accepted";
}

describe("the control API's fault fields", () => {
  it.each([{ status: 503, retryAfter: 2 }, { drop: true }, { truncate: true }, { latencyMs: 1 }, { contentType: "text/plain" }])("takes %j", async (fault) => {
    const sandboxFetch = createSandboxFetch({ controlApi: true });
    const response = await sandboxFetch("http://sandbox.test/__sandbox/faults", { method: "POST", body: JSON.stringify({ count: 1, fault }) });
    expect(response.status).toBe(204);
  });
});

describe("anchored patterns", () => {
  it("a username of 255 characters is taken, of 256 refused", () => {
    const { control } = createSandbox({ customers: 0 });
    expect(refusal(() => control.addCustomer({ username: "u".repeat(255) }))).toBe("accepted");
    expect(refusal(() => control.addCustomer({ username: "v".repeat(256) }))).toEqual({
      field: "customer.username",
      message: "customer.username must be 6 to 255 characters of letters, digits and ! @ . # $ % & * _ - +",
    });
  });

  it("a content type must be a whole media type, from its first character", () => {
    expect(parseFaultHeader("content-type=text/plain")).toEqual({ contentType: "text/plain" });
    expect(refusal(() => parseFaultHeader("content-type=a b/json"))).toMatchObject({ field: "X-Mock-Fault content-type" });
  });

  it("a Retry-After date must be a whole HTTP date, from its first character", () => {
    expect(parseFaultHeader("status=503;retry-after=Wed, 21 Oct 2026 07:28:00 GMT")).toEqual({ status: 503, retryAfter: "Wed, 21 Oct 2026 07:28:00 GMT" });
    expect(refusal(() => parseFaultHeader("status=503;retry-after=xWed, 21 Oct 2026 07:28:00 GMT"))).toMatchObject({ field: "X-Mock-Fault retry-after" });
  });
});

describe("defaults", () => {
  it("the default seed is \"finicity\"", () => {
    const customers = createSandbox({ customers: 3 }).control.customers();
    expect(customers).toEqual(createSandbox({ seed: "finicity", customers: 3 }).control.customers());
    expect(customers).not.toEqual(createSandbox({ seed: "", customers: 3 }).control.customers());
  });
});

describe("the usage profile's transport headers", () => {
  it("leaves out each header every HTTP client sends on its own", () => {
    const recorder = new UsageRecorder();
    const transport = ["host", "connection", "content-length", "transfer-encoding", "accept-encoding", "user-agent", "keep-alive", "cookie", "x-mock-fault"];
    const headers = Object.fromEntries([...transport, "x-kept"].map((name) => [name, "1"]));
    recorder.observe({ method: "GET", path: "/aggregation/v1/customers", query: new URLSearchParams(), headers, body: async () => "" }, { status: 401, headers: {}, body: "" });
    expect(recorder.profile().operations["GetCustomers"]!.headers).toEqual({ "x-kept": 1 });
  });
});
