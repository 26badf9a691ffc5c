// The HTTP control API's edges: the controlApi option's shapes and token rules, the 401's exact body and header,
// the bearer grammar's anchors, the request body limits at their bounds, fault field names in errors, and a body
// that fails to read (not an input error, so it is not turned into a 400).
import { describe, expect, it } from "vitest";
import { thrown } from "./input-error.js";
import { createSandbox, createSandboxFetch } from "../src/index.js";
import { MAX_CUSTOMERS_PER_REQUEST, serveControl } from "../src/sandbox/control-routes.js";

const TOKEN = "edge-token-0123456789";

function setup() {
  const sandboxFetch = createSandboxFetch({ seed: "edges", customers: 1, controlApi: { token: TOKEN } });
  const send = async (method: string, route: string, body?: unknown, authorization = `Bearer ${TOKEN}`) => {
    const response = await sandboxFetch(`http://sandbox.test/__sandbox/${route}`, {
      method,
      headers: { Authorization: authorization, "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: { "www-authenticate": response.headers.get("www-authenticate"), "cache-control": response.headers.get("cache-control") },
      body: text ? (JSON.parse(text) as unknown) : undefined,
    };
  };
  return { sandboxFetch, control: sandboxFetch.sandbox, send };
}

describe("the controlApi option", () => {
  it.each([null, {}, { token: 5 }, { secret: TOKEN }, 5, "yes"])("refuses %j, naming the option", (controlApi) => {
    expect(thrown(() => createSandboxFetch({ controlApi: controlApi as never }))).toEqual({
      name: "SandboxInputError",
      message: "controlApi must be true, false or { token: string }",
      field: "controlApi",
    });
  });

  it("refuses a function, even one with a token property", () => {
    expect(thrown(() => createSandboxFetch({ controlApi: Object.assign(() => true, { token: TOKEN }) as never }))).toEqual({
      name: "SandboxInputError",
      message: "controlApi must be true, false or { token: string }",
      field: "controlApi",
    });
  });

  it.each(["fifteen-chars-0", " leading-space-012345", "trailing-space-01234 ", "inner space-0123456", "tab\tin-it-0123456789", "naïve-token-0123456789"])(
    "refuses the token %j",
    (token) => {
      expect(thrown(() => createSandboxFetch({ controlApi: { token } }))).toEqual({
        name: "SandboxInputError",
        message: "controlApi.token must be at least 16 printable characters without spaces",
        field: "controlApi.token",
      });
    },
  );

  it("accepts a token of exactly 16 printable characters", async () => {
    const token = "sixteen-chars-!~";
    expect(token).toHaveLength(16);
    const sandboxFetch = createSandboxFetch({ customers: 0, controlApi: { token } });
    expect((await sandboxFetch("http://sandbox.test/__sandbox/usage", { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
  });
});

describe("the bearer token check", () => {
  it("answers 401 with a JSON message and a Bearer challenge", async () => {
    const { send } = setup();
    expect(await send("GET", "usage", undefined, "Bearer wrong-token-0123456789")).toEqual({
      status: 401,
      headers: { "www-authenticate": 'Bearer realm="finicity-sandbox-control"', "cache-control": "no-store" },
      body: { message: "Authorization: Bearer <control token> is required (the --control-token the sandbox was started with)" },
    });
  });

  it("needs the scheme first and nothing after the token", async () => {
    const { send } = setup();
    for (const authorization of [`XBearer ${TOKEN}`, `Token Bearer ${TOKEN}`, `Bearer ${TOKEN} extra`, `Bearer ${TOKEN} ${TOKEN}`]) {
      expect((await send("GET", "usage", undefined, authorization)).status, authorization).toBe(401);
    }
  });

  // fetch's Headers and Node's parser trim header values, and Node keeps one Authorization header: only a caller
  // of serveControl with plain headers can present trailing whitespace or a list.
  it("allows whitespace after the token and refuses a header that is not one string", async () => {
    const { control } = createSandbox({ customers: 0 });
    const ask = async (authorization: string | string[] | undefined) =>
      (await serveControl({ method: "GET", path: "/__sandbox/usage", query: new URLSearchParams(), headers: { authorization }, body: async () => "" }, control, { token: TOKEN })).status;
    expect(await ask(`Bearer ${TOKEN} \t`)).toBe(200);
    expect(await ask([`Bearer ${TOKEN}`])).toBe(401);
    expect(await ask(undefined)).toBe(401);
  });
});

describe("bodies", () => {
  it(`adds exactly ${MAX_CUSTOMERS_PER_REQUEST} customers in one request`, async () => {
    const { send, control } = setup();
    const answer = await send("POST", "customers", Array.from({ length: MAX_CUSTOMERS_PER_REQUEST }, () => ({})));
    expect(answer.status).toBe(201);
    expect((answer.body as { customers: unknown[] }).customers).toHaveLength(MAX_CUSTOMERS_PER_REQUEST);
    expect(control.customers()).toHaveLength(1 + MAX_CUSTOMERS_PER_REQUEST);
  });

  it("refuses a faults body that is not an object", async () => {
    const { send } = setup();
    for (const body of [5, "status=503", true]) {
      expect((await send("POST", "faults", body)).body, JSON.stringify(body)).toEqual({
        field: "body",
        message: 'body must be an object: { "count": N, "fault": { ... } or "status=503;retry-after=2" }',
      });
    }
  });

  it("refuses a count that is not a whole number from 1 to 10000", async () => {
    const { send } = setup();
    for (const count of [null, undefined, -1, Number.MAX_SAFE_INTEGER + 2]) {
      expect((await send("POST", "faults", { count, fault: "drop" })).body, String(count)).toEqual({
        field: "count",
        message: "count must be a whole number from 1 to 10000",
      });
    }
  });

  it("names a fault object's bad field as fault ...", async () => {
    const { send } = setup();
    expect(await send("POST", "faults", { count: 1, fault: { status: 200 } })).toEqual({
      status: 400,
      headers: { "www-authenticate": null, "cache-control": "no-store" },
      body: { field: "fault status", message: "fault status must be an HTTP error status from 400 to 599" },
    });
    expect((await send("POST", "faults", { count: 1, fault: "status=200" })).body).toEqual({
      field: "X-Mock-Fault status",
      message: "X-Mock-Fault status must be an HTTP error status from 400 to 599",
    });
  });

  it("passes on a body that fails to read instead of calling it bad input", async () => {
    const { sandboxFetch, control } = setup();
    const failure = new Error("the client went away");
    for (const route of ["customers", "faults"]) {
      const body = new ReadableStream<Uint8Array>({ start: (controller) => controller.error(failure) });
      const init = { method: "POST", headers: { Authorization: `Bearer ${TOKEN}` }, body, duplex: "half" } as RequestInit;
      await expect(sandboxFetch(`http://sandbox.test/__sandbox/${route}`, init), route).rejects.toBe(failure);
    }
    expect(control.customers()).toHaveLength(1);
  });
});

describe("answers without a body", () => {
  it("the 204s carry an empty body", async () => {
    const { control } = createSandbox({ customers: 1 });
    const request = (path: string) => ({ method: "POST", path, query: new URLSearchParams(), headers: {}, body: async () => '{"count":1,"fault":"drop"}' });
    expect(await serveControl(request("/__sandbox/reset"), control, true)).toEqual({ status: 204, headers: {}, body: "" });
    expect(await serveControl(request("/__sandbox/faults"), control, true)).toEqual({ status: 204, headers: {}, body: "" });
  });
});
