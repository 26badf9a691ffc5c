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

describe("each control route in process: methods, bodies and errors", () => {
  const TOKEN = "in-process-token-0123";
  function setup() {
    const sandboxFetch = createSandboxFetch({ seed: "routes", customers: 3, controlApi: { token: TOKEN } });
    const send = async (method: string, route: string, body?: unknown, authorization = `Bearer ${TOKEN}`) => {
      const response = await sandboxFetch(`http://sandbox.test/__sandbox/${route}`, {
        method,
        headers: { Authorization: authorization, "Content-Type": "application/json" },
        ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, allow: response.headers.get("allow"), cache: response.headers.get("cache-control"), body: text ? (JSON.parse(text) as unknown) : undefined };
    };
    return { sandboxFetch, control: sandboxFetch.sandbox, send };
  }

  it.each([
    ["GET", "reset", "POST"],
    ["DELETE", "customers", "GET, POST"],
    ["GET", "faults", "POST"],
    ["POST", "requests", "GET"],
    ["GET", "token", "POST"],
    ["POST", "usage", "GET"],
    ["GET", "customers/1", "DELETE"],
  ])("answers %s /__sandbox/%s with 405 naming %s", async (method, route, allow) => {
    const answer = await setup().send(method, route);
    expect(answer).toEqual({ status: 405, allow, cache: "no-store", body: { message: `Method not allowed; use ${allow}` } });
  });

  it("checks the bearer token exactly (scheme in any case, spaces after it)", async () => {
    const { send } = setup();
    for (const authorization of [`Bearer ${TOKEN}`, `bearer ${TOKEN}`, `Bearer   ${TOKEN}  `]) expect((await send("GET", "usage", undefined, authorization)).status, authorization).toBe(200);
    for (const authorization of ["", TOKEN, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Bearer ${TOKEN.slice(0, -1)}4`, `Bearer x${TOKEN}`, `Basic ${TOKEN}`, `Bearer${TOKEN}`]) {
      const answer = await send("GET", "usage", undefined, authorization);
      expect(answer.status, authorization).toBe(401);
    }
  });

  it("resets, lists, adds (one, or many all or nothing), removes, issues tokens and lists requests", async () => {
    const { send, control } = setup();
    const seeded = control.customers();
    expect(await send("GET", "customers")).toMatchObject({ status: 200, body: { customers: seeded } });
    const one = await send("POST", "customers", { username: "added.one" });
    expect(one).toMatchObject({ status: 201, body: { customers: [{ username: "added.one" }] } });
    const many = await send("POST", "customers", [{ username: "added.two" }, { username: "added.three" }]);
    expect((many.body as { customers: unknown[] }).customers).toHaveLength(2);
    expect(control.customers()).toHaveLength(6);
    const bad = await send("POST", "customers", [{ username: "added.four" }, 5]);
    expect(bad).toEqual({ status: 400, allow: null, cache: "no-store", body: { field: "body[1]", message: "body[1] must be a customer object" } });
    expect(control.customers()).toHaveLength(6);
    expect((await send("POST", "customers", 5)).body).toEqual({ field: "body", message: "body must be a customer object" });
    expect((await send("POST", "customers", [null])).body).toEqual({ field: "body[0]", message: "body[0] must be a customer object" });
    expect((await send("POST", "customers", [[]])).body).toEqual({ field: "body[0]", message: "body[0] must be a customer object" });
    expect((await send("POST", "customers", [])).body).toEqual({ field: "body", message: "body must be a customer object or a non-empty array of them" });
    expect((await send("POST", "customers", Array.from({ length: 1001 }, () => ({})))).body).toEqual({ field: "body", message: "body must hold at most 1000 customers per request" });
    expect(control.customers()).toHaveLength(6);
    expect((await send("POST", "customers", "{not json")).body).toEqual({ field: "body", message: "body must be JSON" });
    const id = seeded[0]!.id;
    expect((await send("DELETE", `customers/${id}`)).status).toBe(204);
    expect(await send("DELETE", `customers/${id}`)).toMatchObject({ status: 404, body: { message: `No customer with id "${id}"` } });
    for (const segment of ["abc", "%E0%A4%A", "1".repeat(65), "1%2F2"]) {
      expect(await send("DELETE", `customers/${segment}`), segment).toMatchObject({ status: 400, body: { message: "customer id must be one path segment of digits" } });
    }
    expect((await send("DELETE", `customers/${"9".repeat(64)}`)).status).toBe(404);
    expect(await send("GET", "nothing")).toMatchObject({ status: 404, body: { message: 'No control route "/__sandbox/nothing"; see control-api.openapi.yaml in @finicity-aggregation/mock' } });
    const token = (await send("POST", "token")).body as { token: string };
    expect(token.token).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(await send("GET", "requests")).toEqual({ status: 200, allow: null, cache: null, body: { requests: [] } });
    expect((await send("POST", "reset")).status).toBe(204);
    expect(control.customers()).toEqual(seeded);
  });

  it("queues faults from an object or a fault string, and refuses bad ones naming the field", async () => {
    const { send, sandboxFetch } = setup();
    expect((await send("POST", "faults", { count: 1, fault: { status: 503, retryAfter: 2 } })).status).toBe(204);
    expect((await send("POST", "faults", { count: 1, fault: "status=500" })).status).toBe(204);
    const token = sandboxFetch.sandbox.issueToken();
    const get = () => sandboxFetch("http://sandbox.test/aggregation/v1/customers", { headers: { "App-Key": "demo-app-key", "Finicity-App-Token": token } });
    const first = await get();
    expect([first.status, first.headers.get("retry-after")]).toEqual([503, "2"]);
    expect((await get()).status).toBe(500);
    expect((await get()).status).toBe(200);
    const refusals: Array<[unknown, string, string]> = [
      [[], "body", 'body must be an object: { "count": N, "fault": { ... } or "status=503;retry-after=2" }'],
      [null, "body", 'body must be an object: { "count": N, "fault": { ... } or "status=503;retry-after=2" }'],
      [{ count: 0, fault: "drop" }, "count", "count must be a whole number from 1 to 10000"],
      [{ count: 10_001, fault: "drop" }, "count", "count must be a whole number from 1 to 10000"],
      [{ count: 1.5, fault: "drop" }, "count", "count must be a whole number from 1 to 10000"],
      [{ count: "1", fault: "drop" }, "count", "count must be a whole number from 1 to 10000"],
      [{ count: 1, fault: 5 }, "fault", "fault must be an object (latencyMs, status, retryAfter, drop, truncate, contentType) or a string in the X-Mock-Fault grammar"],
      [{ count: 1, fault: [] }, "fault", "fault must be an object (latencyMs, status, retryAfter, drop, truncate, contentType) or a string in the X-Mock-Fault grammar"],
      [{ count: 1, fault: null }, "fault", "fault must be an object (latencyMs, status, retryAfter, drop, truncate, contentType) or a string in the X-Mock-Fault grammar"],
      [{ count: 1, fault: { speed: 1 } }, "fault.speed", "fault.speed is not a fault field (latencyMs, status, retryAfter, drop, truncate, contentType)"],
    ];
    for (const [body, field, message] of refusals) expect((await send("POST", "faults", body)).body, JSON.stringify(body)).toEqual({ field, message });
    expect((await send("POST", "faults", { count: 10_000, fault: { latencyMs: 0 } })).status).toBe(204);
  });
});
