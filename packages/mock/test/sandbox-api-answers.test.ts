// The API's own answers in process (createSandboxFetch), each checked whole: status, headers and the ErrorMessage
// body of every refusal (401s, 405s, 404, CreateToken's body checks), the gateway bodies of status faults, and the
// `faults.always` option. The Prism-based tests check these through the proxy; the mutation run sees only these.
import { describe, expect, it } from "vitest";
import { createSandboxFetch, DEMO_CREDENTIALS, type SandboxOptions } from "../src/index.js";

const ORIGIN = "http://sandbox.test";
const CUSTOMERS = "/aggregation/v1/customers";
const AUTH = "/aggregation/v2/partners/authentication";

interface Seen {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

async function call(options: SandboxOptions, path: string, init: RequestInit = {}): Promise<Seen> {
  const sandboxFetch = createSandboxFetch({ customers: 2, ...options });
  return see(await sandboxFetch(`${ORIGIN}${path}`, init));
}

async function see(response: Response): Promise<Seen> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const text = await response.text();
  return { status: response.status, headers, body: text !== "" && headers["content-type"] === "application/json" ? JSON.parse(text) : text };
}

const json = { "content-type": "application/json" };
const error = (status: number, code: string, message: string, headers: Record<string, string> = {}): Seen => ({
  status,
  headers: { ...json, ...headers },
  body: { code, message },
});

describe("GetCustomers refusals", () => {
  it("answers a missing app key 401 10026, before looking at the token", async () => {
    expect(await call({}, CUSTOMERS)).toEqual(error(401, "10026", "App key is missing"));
    expect(await call({}, CUSTOMERS, { headers: { "App-Key": "", "Finicity-App-Token": "x" } })).toEqual(error(401, "10026", "App key is missing"));
  });

  it("answers a missing or empty token 401 10024", async () => {
    expect(await call({}, CUSTOMERS, { headers: { "App-Key": "demo-app-key" } })).toEqual(error(401, "10024", "Token is missing"));
    expect(await call({}, CUSTOMERS, { headers: { "Finicity-App-Key": "demo-app-key", "Finicity-App-Token": "" } })).toEqual(
      error(401, "10024", "Token is missing"),
    );
  });

  it("answers an unknown token 401 10022 and an expired one 401 10023", async () => {
    let now = 0;
    const sandboxFetch = createSandboxFetch({ customers: 1, tokenTtlMs: 1000, now: () => now });
    const token = sandboxFetch.sandbox.issueToken();
    const get = async (appToken: string) => see(await sandboxFetch(`${ORIGIN}${CUSTOMERS}`, { headers: { "App-Key": "demo-app-key", "Finicity-App-Token": appToken } }));
    expect(await get("AAAAAAAAAAAAAAAAAAAA")).toEqual(error(401, "10022", "Invalid token"));
    expect((await get(token)).status).toBe(200);
    now = 1000;
    expect(await get(token)).toEqual(error(401, "10023", "Token has expired"));
  });

  it("answers other methods 405 with Allow: GET, HEAD", async () => {
    for (const method of ["POST", "DELETE", "PUT", "PATCH"]) {
      expect(await call({}, CUSTOMERS, { method }), method).toEqual(error(405, "405", "Method not allowed; use GET, HEAD", { allow: "GET, HEAD" }));
    }
  });

  it("answers an unknown path 404 naming it", async () => {
    expect(await call({}, "/aggregation/v1/customer?limit=1")).toEqual(error(404, "404", "No such path: /aggregation/v1/customer"));
  });
});

describe("CreateToken refusals", () => {
  const post = (body: string | undefined, headers: Record<string, string> = { "App-Key": "demo-app-key" }, options: SandboxOptions = {}) =>
    call(options, AUTH, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, ...(body === undefined ? {} : { body }) });
  const NOT_JSON = error(400, "14020", 'The request body must be JSON: {"partnerId": ..., "partnerSecret": ...}');
  const NOT_OBJECT = error(400, "14020", "The request body must be a JSON object");

  it("answers other methods 405 with Allow: POST", async () => {
    for (const method of ["GET", "HEAD", "PUT", "DELETE"]) {
      const seen = await call({}, AUTH, { method });
      expect(seen, method).toEqual({ ...error(405, "405", "Method not allowed; use POST", { allow: "POST" }), ...(method === "HEAD" ? { body: "" } : {}) });
    }
  });

  it("checks the app key first", async () => {
    expect(await post("not json", {})).toEqual(error(401, "10026", "App key is missing"));
  });

  it("answers a body that is not JSON 400 14020", async () => {
    for (const body of [undefined, "", "partnerId=demo-partner", "{", "[1,"]) expect(await post(body), String(body)).toEqual(NOT_JSON);
  });

  it("answers JSON that is not an object 400 14020", async () => {
    for (const body of ["[]", '[{"partnerId":"demo-partner","partnerSecret":"demo-secret"}]', "null", "5", '"demo-partner"', "true"]) {
      expect(await post(body), body).toEqual(NOT_OBJECT);
    }
  });

  it("answers a missing, empty or non-string partnerId or partnerSecret 400 10005, naming the first", async () => {
    const cases: Array<[unknown, string]> = [
      [{}, "partnerId"],
      [{ partnerSecret: "demo-secret" }, "partnerId"],
      [{ partnerId: "", partnerSecret: "demo-secret" }, "partnerId"],
      [{ partnerId: 5, partnerSecret: "demo-secret" }, "partnerId"],
      [{ partnerId: "demo-partner" }, "partnerSecret"],
      [{ partnerId: "demo-partner", partnerSecret: "" }, "partnerSecret"],
      [{ partnerId: "demo-partner", partnerSecret: ["demo-secret"] }, "partnerSecret"],
    ];
    for (const [body, name] of cases) {
      expect(await post(JSON.stringify(body)), JSON.stringify(body)).toEqual(error(400, "10005", `${name} is required (a non-empty string)`));
    }
  });

  it("answers wrong credentials 401 24302, and issues a token for the right ones", async () => {
    const refused = error(401, "24302", "Invalid credentials");
    expect(await post(JSON.stringify({ partnerId: "someone", partnerSecret: DEMO_CREDENTIALS.partnerSecret }))).toEqual(refused);
    expect(await post(JSON.stringify({ partnerId: DEMO_CREDENTIALS.partnerId, partnerSecret: "wrong" }))).toEqual(refused);
    const issued = await post(JSON.stringify({ partnerId: DEMO_CREDENTIALS.partnerId, partnerSecret: DEMO_CREDENTIALS.partnerSecret }));
    expect(issued).toEqual({ status: 200, headers: json, body: { token: expect.stringMatching(/^[A-Za-z0-9]{20}$/) } });
  });
});

describe("status faults", () => {
  const faulted = async (fault: string, options: SandboxOptions = {}) => {
    const sandboxFetch = createSandboxFetch({ customers: 2, ...options });
    const response = await sandboxFetch(`${ORIGIN}${CUSTOMERS}`, { headers: { "App-Key": "demo-app-key", "Finicity-App-Token": sandboxFetch.sandbox.issueToken(), "X-Mock-Fault": fault } });
    return { seen: await see(response), requests: sandboxFetch.sandbox.requests };
  };
  const gateway = (status: number, message: string, headers: Record<string, string> = {}): Seen => ({
    status,
    headers: { ...json, ...headers },
    body: { code: status, status: String(status), message },
  });

  it("answer the gateway's body with the status's reason phrase, Retry-After only when asked for", async () => {
    const cases: Array<[string, Seen]> = [
      ["status=400", gateway(400, "Bad Request")],
      ["status=401", gateway(401, "Unauthorized")],
      ["status=403", gateway(403, "Forbidden")],
      ["status=404", gateway(404, "Not Found")],
      ["status=405", gateway(405, "Method Not Allowed")],
      ["status=408", gateway(408, "Request Timeout")],
      ["status=418", gateway(418, "Client Error")],
      ["status=499", gateway(499, "Client Error")],
      ["status=429;retry-after=0", gateway(429, "Too Many Requests", { "retry-after": "0" })],
      ["status=500", gateway(500, "Internal Server Error")],
      ["status=501", gateway(501, "Server Error")],
      ["status=502", gateway(502, "Bad Gateway")],
      ["status=503;retry-after=Wed, 21 Oct 2026 07:28:00 GMT", gateway(503, "Service Unavailable", { "retry-after": "Wed, 21 Oct 2026 07:28:00 GMT" })],
      ["status=504", gateway(504, "Gateway Timeout")],
      ["status=599", gateway(599, "Server Error")],
    ];
    for (const [fault, expected] of cases) expect((await faulted(fault)).seen, fault).toEqual(expected);
  });

  it("a malformed fault header is answered 400 14020 naming the problem, and logged", async () => {
    const { seen, requests } = await faulted("status=abc");
    expect(seen).toEqual(error(400, "14020", "X-Mock-Fault status must be an HTTP error status from 400 to 599"));
    expect(requests.map((r) => [r.status, r.fault])).toEqual([[400, undefined]]);
  });
});

describe("faults.always", () => {
  it("applies to every request, logged, with the header's fault on top of it", async () => {
    const sandboxFetch = createSandboxFetch({ customers: 2, faults: { always: { status: 503, retryAfter: 7 } } });
    const headers = { "App-Key": "demo-app-key", "Finicity-App-Token": sandboxFetch.sandbox.issueToken() };
    const get = async (more: Record<string, string> = {}) => see(await sandboxFetch(`${ORIGIN}${CUSTOMERS}`, { headers: { ...headers, ...more } }));
    const unavailable = { status: 503, headers: { ...json, "retry-after": "7" }, body: { code: 503, status: "503", message: "Service Unavailable" } };
    expect(await get()).toEqual(unavailable);
    expect(await get()).toEqual(unavailable);
    expect(await get({ "X-Mock-Fault": "status=429" })).toEqual({ ...unavailable, status: 429, body: { code: 429, status: "429", message: "Too Many Requests" } });
    expect(sandboxFetch.sandbox.requests.map((r) => [r.status, r.fault])).toEqual([
      [503, "status=503;retry-after=7"],
      [503, "status=503;retry-after=7"],
      [429, "status=429;retry-after=7"],
    ]);
  });

  it("relabels every answer with an always content type", async () => {
    const sandboxFetch = createSandboxFetch({ customers: 2, faults: { always: { contentType: "text/html" } } });
    const response = await sandboxFetch(`${ORIGIN}${CUSTOMERS}`);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("text/html");
    expect(sandboxFetch.sandbox.requests.map((r) => r.fault)).toEqual(["content-type=text/html"]);
  });

  it("changes nothing when it is empty", async () => {
    const empty = createSandboxFetch({ customers: 2, faults: { always: {} } });
    await empty(`${ORIGIN}${CUSTOMERS}`, { headers: { "X-Mock-Fault": "status=502" } });
    await empty(`${ORIGIN}${CUSTOMERS}`);
    expect(empty.sandbox.requests.map((r) => [r.status, r.fault])).toEqual([
      [502, "status=502"],
      [401, undefined],
    ]);
  });
});
