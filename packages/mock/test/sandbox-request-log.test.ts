import { describe, expect, it } from "vitest";
import { createSandboxFetch, SandboxInputError } from "../src/index.js";
import { startSandbox } from "./helpers.js";

const PATH = "/aggregation/v1/customers";

describe("the request log (control.requests)", () => {
  it("keeps the most recent 1000 requests by default, oldest first", async () => {
    const sandboxFetch = createSandboxFetch({ customers: 3 });
    const token = sandboxFetch.sandbox.issueToken();
    for (let i = 1; i <= 1205; i++) {
      await sandboxFetch(`http://sandbox.test${PATH}?limit=1&start=${i}`, { headers: { "App-Key": "demo-app-key", "Finicity-App-Token": token } });
    }
    const log = sandboxFetch.sandbox.requests;
    expect(log).toHaveLength(1000);
    expect(log[0]?.query.start).toBe("206");
    expect(log.at(-1)?.query.start).toBe("1205");
  });

  it("keeps as many as maxRecordedRequests says, none for 0, and forgets them on reset()", async () => {
    const three = createSandboxFetch({ customers: 1, maxRecordedRequests: 3 });
    const none = createSandboxFetch({ customers: 1, maxRecordedRequests: 0 });
    for (let i = 1; i <= 200; i++) {
      await three(`http://sandbox.test${PATH}?start=${i}`);
      await none(`http://sandbox.test${PATH}?start=${i}`);
    }
    expect(three.sandbox.requests.map((r) => r.query.start)).toEqual(["198", "199", "200"]);
    expect(three.sandbox.requests.map((r) => r.status)).toEqual([401, 401, 401]);
    expect(none.sandbox.requests).toEqual([]);
    three.sandbox.reset();
    expect(three.sandbox.requests).toEqual([]);
  });

  it("rejects a bad maxRecordedRequests, naming the option", () => {
    for (const bad of [-1, 1.5, Number.NaN, "10" as unknown as number]) {
      expect(() => createSandboxFetch({ maxRecordedRequests: bad }), String(bad)).toThrow(SandboxInputError);
      expect(() => createSandboxFetch({ maxRecordedRequests: bad }), String(bad)).toThrow(/^maxRecordedRequests must be a whole number/);
    }
    expect(() => createSandboxFetch({ maxRecordedRequests: Infinity })).not.toThrow();
  });

  it("records what the server received: method, path, first query values, masked secrets, status, fault", async () => {
    const mock = await startSandbox({ customers: 3, credentials: { appKey: "server-app-key", partnerId: "p", partnerSecret: "server-secret" } });
    const token = mock.sandbox.issueToken();
    await fetch(`${mock.directUrl}${PATH}?search=a%2Bb&limit=2&limit=5`, {
      headers: { "Finicity-App-Key": "server-app-key", "Finicity-App-Token": token, "X-Trace": "t2", "X-Mock-Fault": "content-type=text/html" },
    });
    await fetch(`${mock.directUrl}/aggregation/v2/partners/authentication`, {
      method: "POST",
      headers: { "App-Key": "server-app-key", "Content-Type": "application/json" },
      body: JSON.stringify({ partnerId: "p", partnerSecret: "server-secret" }),
    });
    const [get, post] = mock.sandbox.requests;
    expect(get).toMatchObject({ method: "GET", path: PATH, query: { search: "a+b", limit: "2" }, status: 200, fault: "content-type=text/html" });
    expect(get?.headers).toMatchObject({ "x-trace": "t2", "finicity-app-key": "[redacted]", "finicity-app-token": "[redacted]" });
    expect(post).toMatchObject({ method: "POST", path: "/aggregation/v2/partners/authentication", status: 200 });
    expect(post).not.toHaveProperty("fault");
    const text = JSON.stringify(mock.sandbox.requests);
    for (const secret of [token, "server-app-key", "server-secret"]) expect(text).not.toContain(secret);
  });
});
