import { describe, expect, it } from "vitest";
import { PaginationError, createCustomersClient } from "../src/index.js";
import { customer, stubFetch, url } from "./helpers.js";

// Paging never trusts the server: a bad page ends the walk with a PaginationError naming the field, every walk
// is bounded, and no record is skipped without an error.

async function walk(answer: (start: number, limit: number, index: number) => unknown, pageSize = 5) {
  const stub = stubFetch((request, index) => {
    const q = url(request).searchParams;
    return { body: answer(Number(q.get("start")), Number(q.get("limit")), index) };
  });
  const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
  const seen: string[] = [];
  const error = await (async () => {
    for await (const c of client.iterateCustomers({}, { pageSize })) seen.push(c.id);
  })().catch((e: unknown) => e);
  return { error, seen, starts: stub.requests.map((r) => url(r).searchParams.get("start")) };
}

const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => customer(String(from + i)));
const goodFirst = { found: 10, displaying: 5, moreAvailable: true, customers: ids(1, 5) };

describe("hostile pages", () => {
  it.each([
    ["displaying a string", { ...goodFirst, displaying: "5" }, "displaying"],
    ["displaying smuggling a query", { ...goodFirst, displaying: "x&limit=1000" }, "displaying"],
    ["displaying negative", { ...goodFirst, displaying: -5, customers: [] }, "displaying"],
    ["displaying NaN (null in JSON)", { ...goodFirst, displaying: null }, "displaying"],
    ["displaying 1e308", { ...goodFirst, displaying: 1e308 }, "displaying"],
    ["displaying over the limit asked for", { found: 10, displaying: 6, moreAvailable: true, customers: ids(1, 6) }, "displaying"],
    ["found a string", { ...goodFirst, found: "10" }, "found"],
    ["found 1e308", { ...goodFirst, found: 1e308 }, "found"],
    ["customers null", { ...goodFirst, customers: null }, "customers"],
    ["customers absent", { found: 10, displaying: 5, moreAvailable: true }, "customers"],
    ["customers a string", { ...goodFirst, customers: "lots" }, "customers"],
    ["customers fewer than displaying", { ...goodFirst, customers: ids(1, 4) }, "customers"],
    ["a customer without id", { ...goodFirst, customers: [...ids(1, 4), { username: "x" }] }, "customers"],
    ["a [] body", [], "found"],
    ["a null body", null, "found"],
    ["moreAvailable a string", { ...goodFirst, moreAvailable: "yes" }, "moreAvailable"],
  ])("%s ends the walk with a PaginationError naming %s, before anything is yielded or sent on", async (_name, bad, field) => {
    const { error, seen, starts } = await walk(() => bad);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ name: "PaginationError", field, start: 1 });
    expect((error as Error).message).toContain(field);
    expect(seen).toEqual([]);
    expect(starts).toEqual(["1"]);
  });

  it("a bad second page: the first page's records come, then the error; no start ever leaves the integers", async () => {
    const { error, seen, starts } = await walk((start) => (start === 1 ? goodFirst : { ...goodFirst, displaying: "x&limit=1000" }));
    expect(error).toMatchObject({ name: "PaginationError", field: "displaying", start: 6 });
    expect(seen).toEqual(["1", "2", "3", "4", "5"]);
    expect(starts).toEqual(["1", "6"]);
  });

  it("endless new ids with found: 10 stops at found (moreAvailable past found)", async () => {
    const { error, seen, starts } = await walk((start) => ({ found: 10, displaying: 5, moreAvailable: true, customers: ids(start, 5) }));
    expect(error).toMatchObject({ name: "PaginationError", field: "moreAvailable" });
    expect(seen).toHaveLength(5); // the page claiming more past found is refused before its records are used
    expect(starts).toEqual(["1", "6"]);
  });

  it("a found that grows with every page is held to the request ceiling of the first page's found", async () => {
    const { error, starts } = await walk((start) => ({ found: start + 100, displaying: 5, moreAvailable: true, customers: ids(start, 5) }));
    expect(error).toMatchObject({ name: "PaginationError", field: "requests" });
    expect(starts).toHaveLength(Math.ceil((101 * 1.1) / 5) + 3); // the ceiling, plus the request that broke it
  });

  it("displaying 0 with moreAvailable true: asked once more, then PaginationError (no endless start=1)", async () => {
    const { error, starts } = await walk(() => ({ found: 10, displaying: 0, moreAvailable: true, customers: [] }));
    expect(error).toBeInstanceOf(PaginationError);
    expect(starts).toEqual(["1", "1"]);
  });

  it("a consistent server is walked to the end (the checks refuse nothing legitimate)", async () => {
    const total = 23;
    const { error, seen } = await walk((start, limit) => {
      const n = Math.max(0, Math.min(limit, total - start + 1));
      return { found: total, displaying: n, moreAvailable: start + n - 1 < total, customers: ids(start, n) };
    });
    expect(error).toBeUndefined();
    expect(seen).toHaveLength(total);
  });
});
