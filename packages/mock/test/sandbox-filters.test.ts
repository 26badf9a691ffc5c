import { beforeAll, describe, expect, it } from "vitest";
import type { Customer } from "@finicity-aggregation/types";
import { authHeaders, explain, getCustomers, ids, startSandbox } from "./helpers.js";
import type { RunningSandbox } from "../src/index.js";

let mock: RunningSandbox;
let auth: Record<string, string>;
let all: readonly Customer[];

beforeAll(async () => {
  mock = await startSandbox({ seed: "filters", customers: 200 });
  auth = authHeaders(mock);
  all = mock.sandbox.customers();
});

/** Every matching customer, through the proxy, in one page. */
async function everything(query: Record<string, string | number>) {
  const answer = await getCustomers(mock.url, auth, { ...query, limit: 1000 });
  expect(answer.status, explain(answer)).toBe(200);
  expect(answer.violations).toBeNull();
  return answer.body;
}

describe("sandbox filters (through the validating proxy)", () => {
  it("returns every customer, oldest first, when no filter is given (the brief's own request)", async () => {
    const answer = await getCustomers(mock.url, auth, "username=&type=&search=&start=1&limit=25");
    expect(answer.status, explain(answer)).toBe(200);
    expect(answer.body).toMatchObject({ found: 200, displaying: 25, moreAvailable: true });
    expect(ids(answer.body.customers)).toEqual(ids(all.slice(0, 25)));
    const created = all.map((c) => Number(c.createdDate));
    expect(created).toEqual([...created].sort((a, b) => a - b));
  });

  it("defaults limit to 25", async () => {
    const answer = await getCustomers(mock.url, auth);
    expect(answer.body.displaying).toBe(25);
  });

  it("filters by type, and empty type means all", async () => {
    for (const type of ["active", "testing"] as const) {
      const body = await everything({ type });
      const expected = all.filter((c) => c.type === type);
      expect(expected.length).toBeGreaterThan(0);
      expect(body.found).toBe(expected.length);
      expect(ids(body.customers)).toEqual(ids(expected));
    }
    expect((await everything({ type: "" })).found).toBe(all.length);
  });

  it("matches username exactly: case-sensitive, no substrings", async () => {
    const target = all[17]!;
    const exact = await everything({ username: target.username });
    expect(exact).toMatchObject({ found: 1, displaying: 1, moreAvailable: false });
    expect(exact.customers[0]).toEqual(target);
    for (const near of [target.username.toUpperCase(), target.username.slice(0, -1), `${target.username}x`]) {
      if (all.some((c) => c.username === near)) continue;
      const none = await everything({ username: near });
      expect(none, near).toEqual({ found: 0, displaying: 0, moreAvailable: false, customers: [] });
    }
  });

  it("finds usernames with + # @ when they are URL-encoded", async () => {
    const special = all.filter((c) => /[+#@]/.test(c.username));
    expect(special.length).toBeGreaterThan(0);
    for (const customer of special.slice(0, 5)) {
      const body = await everything({ username: customer.username });
      expect(ids(body.customers), customer.username).toEqual([customer.id]);
    }
  });

  it("answers an unknown username with 200 and an empty page", async () => {
    const body = await everything({ username: "nobody-at-all-000" });
    expect(body).toEqual({ found: 0, displaying: 0, moreAvailable: false, customers: [] });
  });

  it("searches username, first name, last name, 'first last' and 'last first', ignoring case", async () => {
    const person = all.find((c) => c.firstName && c.lastName)!;
    const first = person.firstName!;
    const last = person.lastName!;
    const cases = [first, last, `${first} ${last}`, `${last} ${first}`, first.toUpperCase(), `  ${last.toLowerCase()}  `, person.username.slice(1, 6)];
    for (const search of cases) {
      const body = await everything({ search });
      const needle = search.trim().toLowerCase();
      const expected = all.filter((c) => {
        const f = c.firstName?.toLowerCase();
        const l = c.lastName?.toLowerCase();
        const texts = [c.username.toLowerCase(), f, l, f && l ? `${f} ${l}` : undefined, f && l ? `${l} ${f}` : undefined];
        return texts.some((t) => t?.includes(needle));
      });
      expect(ids(body.customers), search).toContain(person.id);
      expect(ids(body.customers), search).toEqual(ids(expected));
    }
  });

  it("does not match names across other fields or in the wrong combination", async () => {
    const person = all.find((c) => c.firstName && c.lastName && c.email)!;
    const body = await everything({ search: `${person.firstName} x ${person.lastName}` });
    expect(ids(body.customers)).not.toContain(person.id);
    const byEmailDomain = await everything({ search: "example.com.au" });
    expect(byEmailDomain.found).toBe(all.filter((c) => c.username.toLowerCase().includes("example.com.au")).length);
  });

  it("combines filters with AND", async () => {
    const person = all.find((c) => c.lastName)!;
    const body = await everything({ search: person.lastName!, type: person.type });
    expect(body.customers.every((c) => c.type === person.type)).toBe(true);
    expect(ids(body.customers)).toContain(person.id);
    const other = person.type === "active" ? "testing" : "active";
    const none = await everything({ username: person.username, type: other });
    expect(none.found).toBe(0);
  });

  it("treats an unencoded + in search as a space (a client bug the spec warns about)", async () => {
    const person = all.find((c) => c.firstName && c.lastName)!;
    const answer = await getCustomers(mock.url, auth, `search=${person.firstName}+${person.lastName}&limit=1000`);
    expect(ids(answer.body.customers)).toContain(person.id);
  });

  it("pages by record index: start=16 with limit=15 gives records 16-30", async () => {
    const answer = await getCustomers(mock.url, auth, { start: 16, limit: 15 });
    expect(answer.body).toMatchObject({ found: 200, displaying: 15, moreAvailable: true });
    expect(ids(answer.body.customers)).toEqual(ids(all.slice(15, 30)));
    const last = await getCustomers(mock.url, auth, { start: 196, limit: 15 });
    expect(last.body).toMatchObject({ found: 200, displaying: 5, moreAvailable: false });
    const beyond = await getCustomers(mock.url, auth, { start: 500 });
    expect(beyond.body).toEqual({ found: 200, displaying: 0, moreAvailable: false, customers: [] });
  });

  it("serves up to 1000 in one page", async () => {
    const body = await everything({});
    expect(body).toMatchObject({ found: 200, displaying: 200, moreAvailable: false });
  });
});
