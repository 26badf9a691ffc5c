import { describe, expect, it } from "vitest";
import { createSandboxFetch, SandboxInputError } from "../src/index.js";

describe("the HTTP control API in process (createSandboxFetch)", () => {
  it("is off by default: its paths are the API's 404s and are logged like any unknown path", async () => {
    const sandboxFetch = createSandboxFetch({ customers: 2 });
    const response = await sandboxFetch("http://sandbox.test/__sandbox/token", { method: "POST" });
    expect(response.status).toBe(404);
    expect(sandboxFetch.sandbox.requests).toHaveLength(1);
  });

  it("with controlApi: true, answers without being logged or faulted", async () => {
    const sandboxFetch = createSandboxFetch({ customers: 2, controlApi: true, faults: { always: { status: 503 } } });
    const response = await sandboxFetch("http://sandbox.test/__sandbox/token", { method: "POST" });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    expect(token).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(sandboxFetch.sandbox.requests).toEqual([]);
    const removed = await sandboxFetch(`http://sandbox.test/__sandbox/customers/${sandboxFetch.sandbox.customers()[0]!.id}`, { method: "DELETE" });
    expect(removed.status).toBe(204);
    expect(sandboxFetch.sandbox.customers()).toHaveLength(1);
  });

  it("with a token, refuses calls without it", async () => {
    const sandboxFetch = createSandboxFetch({ customers: 2, controlApi: { token: "in-process-token-0123" } });
    expect((await sandboxFetch("http://sandbox.test/__sandbox/usage")).status).toBe(401);
    const allowed = await sandboxFetch("http://sandbox.test/__sandbox/usage", { headers: { Authorization: "Bearer in-process-token-0123" } });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ format: "finicity-usage-profile", version: 2, operations: {} });
  });

  it("refuses a bad controlApi option, naming it", () => {
    expect(() => createSandboxFetch({ controlApi: { token: "short" } })).toThrow(SandboxInputError);
    expect(() => createSandboxFetch({ controlApi: { token: "short" } })).toThrow(/controlApi\.token must be at least 16 printable characters/);
    expect(() => createSandboxFetch({ controlApi: "yes" as never })).toThrow(/controlApi must be true, false or \{ token: string \}/);
  });
});
