// Edges of the query rules the broader tests pass over: signs and junk around whole numbers, the order of
// customers created in the same second, and which texts `search` looks in.
import { describe, expect, it } from "vitest";
import type { Customers, ErrorMessage } from "@finicity-aggregation/types";
import { createSandboxFetch, type SandboxFetch } from "../src/index.js";

function sandbox(customers = 12): { sandboxFetch: SandboxFetch; get: (query: string) => Promise<{ status: number; body: unknown }> } {
  const sandboxFetch = createSandboxFetch({ seed: "edges", customers });
  const token = sandboxFetch.sandbox.issueToken();
  const get = async (query: string) => {
    const response = await sandboxFetch(`http://sandbox.test/aggregation/v1/customers?${query}`, { headers: { "App-Key": "demo-app-key", "Finicity-App-Token": token } });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  return { sandboxFetch, get };
}

const ids = (body: unknown) => (body as Customers).customers.map((c) => c.id);

describe("start and limit are whole numbers, an explicit + sign allowed", () => {
  it("reads start=+5 as start=5 and limit=+3 as limit=3", async () => {
    const { get } = sandbox();
    const plain = await get("start=5&limit=3");
    const signed = await get("start=%2B5&limit=%2B3");
    expect(signed.status).toBe(200);
    expect(signed.body).toEqual(plain.body);
    expect(ids(plain.body)).toHaveLength(3);
  });

  it.each([
    ["start=x5", "41003", "Start index must be a whole number"],
    ["start=5x", "41003", "Start index must be a whole number"],
    ["start=+", "41003", "Start index must be a whole number"],
    ["start=", "41003", "Start index must be a whole number"],
    ["limit=x3", "41004", "Limit must be a whole number"],
    ["limit=3x", "41004", "Limit must be a whole number"],
    ["limit=", "41004", "Limit must be a whole number"],
    ["start=2147483648", "41003", "Start index cannot be greater than 2147483647"],
    ["limit=0", "41004", "Limit cannot be less than one"],
    ["limit=1001", "14020", "Limit cannot be greater than 1000"],
  ])("refuses %s with 400 %s", async (query, code, message) => {
    const answer = await sandbox().get(query);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ code, message } satisfies ErrorMessage);
  });

  it("accepts the largest start (int32) and limit (1000)", async () => {
    const { get } = sandbox(3);
    expect(await get("start=2147483647")).toEqual({ status: 200, body: { found: 3, displaying: 0, moreAvailable: false, customers: [] } });
    const all = await get("limit=1000&start=1");
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ found: 3, displaying: 3, moreAvailable: false });
  });

  it("counts the first of a repeated start or limit", async () => {
    const { get } = sandbox();
    expect(await get("start=2&start=7&limit=2&limit=9")).toEqual(await get("start=2&limit=2"));
  });
});

describe("customers created in the same second", () => {
  it("sort by id as a whole number (length first, leading zeros ignored), then after earlier dates", async () => {
    const { sandboxFetch, get } = sandbox(0);
    const control = sandboxFetch.sandbox;
    for (const id of ["100", "99", "0098", "1000", "7"]) control.addCustomer({ id, createdDate: "1700000000" });
    control.addCustomer({ id: "5", createdDate: "1700000001" });
    control.addCustomer({ id: "6", createdDate: "999999999" });
    const expected = ["6", "7", "0098", "99", "100", "1000", "5"];
    expect(control.customers().map((c) => c.id)).toEqual(expected);
    expect(ids((await get("limit=10")).body)).toEqual(expected);
    control.reset();
    expect(control.customers()).toEqual([]);
  });

  it("keep that order when seeded ones tie with added ones", async () => {
    const { sandboxFetch } = sandbox(4);
    const control = sandboxFetch.sandbox;
    const [a, b] = control.customers();
    control.addCustomer({ id: "1", createdDate: b!.createdDate });
    control.addCustomer({ id: "99999999999", createdDate: a!.createdDate });
    const order = control.customers().map((c) => c.id);
    expect(order.slice(0, 4)).toEqual([a!.id, "99999999999", "1", b!.id]);
  });
});

describe("search looks in the username, first name, last name and both names in either order", () => {
  async function searching(needle: string): Promise<string[]> {
    const { sandboxFetch, get } = sandbox(0);
    const control = sandboxFetch.sandbox;
    control.addCustomer({ id: "1", username: "qqalpha1", firstName: "Brontë", lastName: "Vasquez" });
    control.addCustomer({ id: "2", username: "qqbeta22", firstName: null, lastName: "Okafor" });
    control.addCustomer({ id: "3", username: "qqgamma3", firstName: "Solo", lastName: null });
    const answer = await get(`search=${encodeURIComponent(needle)}&limit=10`);
    expect(answer.status).toBe(200);
    return ids(answer.body);
  }

  it.each([
    ["QQALPHA", ["1"]],
    ["brontë", ["1"]],
    ["VASQ", ["1"]],
    ["brontë vasquez", ["1"]],
    ["vasquez  brontë", ["1"]],
    ["ë vas", ["1"]],
    ["okafor", ["2"]],
    ["solo", ["3"]],
    ["qq", ["1", "2", "3"]],
  ])("%s finds %j", async (needle, expected) => {
    expect(await searching(needle)).toEqual(expected);
  });

  it.each([
    ["a1brontë", "across the end of the username and the first name"],
    ["brontëvasquez", "both names without the space"],
    ["quezbron", "across the last and first names"],
    ["null", "a missing first name"],
    ["undefined", "a missing name, as a word"],
    ["okafor solo", "names of different customers"],
  ])("%s finds nothing (%s)", async (needle) => {
    expect(await searching(needle)).toEqual([]);
  });
});

describe("generated customers added later", () => {
  it("get a username no other customer has, even when the generator's next pick is taken", () => {
    const first = createSandboxFetch({ seed: "taken", customers: 4 }).sandbox;
    first.addCustomer();
    const next = first.addCustomer().username; // what the generator picks second after the seeded ones
    const control = createSandboxFetch({ seed: "taken", customers: 4 }).sandbox;
    control.addCustomer({ username: next }); // takes it (the generator still makes its first pick)
    const added = control.addCustomer();
    expect(added.username).not.toBe(next);
    expect(added.username.startsWith(next)).toBe(true);
  });
});
