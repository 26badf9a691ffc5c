import { describe, expect, it } from "vitest";
import type { Customers } from "@finicity-aggregation/types";
import { authHeaders, explain, getCustomers, ids, startSandbox } from "./helpers.js";
import { createSandbox, createSandboxFetch, SandboxInputError } from "../src/index.js";

describe("sandbox control API", () => {
  it("adds a customer that the API then serves, last in order", async () => {
    const mock = await startSandbox({ customers: 5 });
    const added = mock.sandbox.addCustomer({ username: "new.customer+1", firstName: "Zara", lastName: "Quinlan", type: "active" });
    expect(added).toMatchObject({ username: "new.customer+1", type: "active" });
    expect(Number(added.id)).toBeGreaterThan(Math.max(...mock.sandbox.customers().slice(0, 5).map((c) => Number(c.id))));
    const answer = await getCustomers<Customers>(mock.url, authHeaders(mock), { search: "zara quinlan" });
    expect(answer.status, explain(answer)).toBe(200);
    expect(answer.violations).toBeNull();
    expect(ids(answer.body.customers)).toEqual([added.id]);
    expect(mock.sandbox.customers().at(-1)?.id).toBe(added.id);
  });

  it("fills unspecified fields with generated, valid values", () => {
    const { control } = createSandbox({ customers: 0 });
    const added = control.addCustomer();
    expect(added.username).toMatch(/^[A-Za-z0-9!@.#$%&*_+-]{6,255}$/);
    expect(added.createdDate).toMatch(/^[0-9]+$/);
    expect(control.customers()).toHaveLength(1);
  });

  it("refuses a customer that breaks the rules, naming the field", () => {
    const { control } = createSandbox({ customers: 3 });
    const existing = control.customers()[0]!;
    const bad: Array<[Parameters<typeof control.addCustomer>[0], RegExp]> = [
      [{ username: "short" }, /customer\.username must be 6 to 255/],
      [{ username: "has space!" }, /customer\.username/],
      [{ username: existing.username }, /customer\.username must be unique/],
      [{ id: existing.id }, /customer\.id must be unique/],
      [{ type: "gold" as never }, /customer\.type must be "active" or "testing"/],
      [{ createdDate: "yesterday" }, /customer\.createdDate/],
      [{ phone: "61-3-1234-1234-99" }, /customer\.phone must be at most 15/],
    ];
    for (const [partial, message] of bad) {
      expect(() => control.addCustomer(partial), JSON.stringify(partial)).toThrow(SandboxInputError);
      expect(() => control.addCustomer(partial), JSON.stringify(partial)).toThrow(message);
    }
    expect(control.customers()).toHaveLength(3);
  });

  it("removes a customer by id", async () => {
    const mock = await startSandbox({ customers: 5 });
    const victim = mock.sandbox.customers()[2]!;
    expect(mock.sandbox.removeCustomer(victim.id)).toBe(true);
    expect(mock.sandbox.removeCustomer(victim.id)).toBe(false);
    const answer = await getCustomers<Customers>(mock.url, authHeaders(mock), { username: victim.username });
    expect(answer.body.found).toBe(0);
    expect(mock.sandbox.customers()).toHaveLength(4);
  });

  it("reset() restores the seeded customers and clears the log and queued faults, keeping tokens", async () => {
    const mock = await startSandbox({ customers: 5 });
    const original = mock.sandbox.customers();
    const headers = authHeaders(mock);
    mock.sandbox.addCustomer();
    mock.sandbox.removeCustomer(original[0]!.id);
    mock.sandbox.failNext(5, { status: 500 });
    await getCustomers(mock.url, headers);
    mock.sandbox.reset();
    expect(mock.sandbox.customers()).toEqual(original);
    expect(mock.sandbox.requests).toEqual([]);
    const answer = await getCustomers(mock.url, headers);
    expect(answer.status, explain(answer)).toBe(200);
  });

  it("records requests with query, status and masked secrets", async () => {
    const sandboxFetch = createSandboxFetch({ customers: 5 });
    const token = sandboxFetch.sandbox.issueToken();
    await sandboxFetch("http://sandbox.test/aggregation/v1/customers?search=a%2Bb&limit=2", {
      headers: { "Finicity-App-Key": "demo-app-key", "Finicity-App-Token": token, "X-Trace": "t1" },
    });
    await sandboxFetch("http://sandbox.test/aggregation/v1/customers?limit=0", { headers: { "App-Key": "demo-app-key", "Finicity-App-Token": token } });
    const [first, second] = sandboxFetch.sandbox.requests;
    expect(first).toMatchObject({ method: "GET", path: "/aggregation/v1/customers", query: { search: "a+b", limit: "2" }, status: 200 });
    expect(first?.headers["x-trace"]).toBe("t1");
    expect(first?.headers["finicity-app-key"]).toBe("[redacted]");
    expect(JSON.stringify(sandboxFetch.sandbox.requests)).not.toContain(token);
    expect(JSON.stringify(sandboxFetch.sandbox.requests)).not.toContain("my-app-key");
    expect(second?.status).toBe(400);
    // the log is a snapshot: changing it does not change the sandbox
    (sandboxFetch.sandbox.requests as unknown as unknown[]).length = 0;
    expect(sandboxFetch.sandbox.requests).toHaveLength(2);
  });

  it("failNext validates its arguments", () => {
    const { control } = createSandbox({ customers: 1 });
    expect(() => control.failNext(-1, { status: 500 })).toThrow(/failNext n/);
    expect(() => control.failNext(1, { status: 200 })).toThrow(/failNext fault status/);
  });

  it("rejects bad options with a typed error naming the option", () => {
    expect(() => createSandbox({ customers: -1 })).toThrow(/^customers must be a whole number/);
    expect(() => createSandbox({ tokenTtlMs: 0 })).toThrow(/^tokenTtlMs/);
    expect(() => createSandbox({ credentials: { appKey: "" } })).toThrow(/^credentials\.appKey/);
    expect(() => createSandbox({ faults: { always: { latencyMs: -1 } } })).toThrow(/^faults\.always latency/);
    expect(() => createSandbox({ customers: 1.5 })).toThrow(SandboxInputError);
  });
});
