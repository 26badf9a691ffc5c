// The store's page cache (src/sandbox/customer-store.ts): a repeated query is a lookup, but the cache stays
// bounded (at most 64 pages of at most 64 KiB each) and never serves a page from before a change. Caching is
// invisible over HTTP except in time and memory, so these tests ask the store itself: a cached page is the very
// same bytes object.
import { describe, expect, it } from "vitest";
import type { Customer } from "@finicity-aggregation/types";
import { CustomerStore } from "../src/sandbox/customer-store.js";
import { generateCustomers } from "../src/sandbox/customers.js";
import type { CustomerQuery } from "../src/sandbox/query.js";

const query = (start: number, limit = 5): CustomerQuery => ({ start, limit });
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** One customer whose page (`{"found":1,...,"customers":[...]}`) is exactly `size` bytes. */
function customerWithPageSize(size: number): Customer {
  const base: Customer = { id: "1", username: "padded", type: "active", createdDate: "1", firstName: "" };
  const empty = new CustomerStore([base]).pageJson(query(1)).byteLength;
  return { ...base, firstName: "x".repeat(size - empty) };
}

describe("the store's page cache", () => {
  it("answers a repeated query with the same bytes", () => {
    const store = new CustomerStore(generateCustomers("cache", 30).customers);
    const first = store.pageJson(query(1));
    expect(store.pageJson(query(1))).toBe(first);
    expect(store.pageJson({ ...query(1), type: "active" })).not.toBe(first);
  });

  it("keeps pages of up to 64 KiB, and not larger ones", () => {
    const fits = new CustomerStore([customerWithPageSize(64 * 1024)]);
    const page = fits.pageJson(query(1));
    expect(page.byteLength).toBe(64 * 1024);
    expect(fits.pageJson(query(1))).toBe(page);

    const tooBig = new CustomerStore([customerWithPageSize(64 * 1024 + 1)]);
    const big = tooBig.pageJson(query(1));
    expect(big.byteLength).toBe(64 * 1024 + 1);
    const again = tooBig.pageJson(query(1));
    expect(again).not.toBe(big);
    expect(text(again)).toBe(text(big));
  });

  it("holds at most 64 pages: the 65th empties it", () => {
    const store = new CustomerStore(generateCustomers("cache", 100).customers);
    const first = store.pageJson(query(1));
    for (let start = 2; start <= 64; start++) store.pageJson(query(start));
    expect(store.pageJson(query(1)), "64 pages fit").toBe(first);
    store.pageJson(query(65));
    const after = store.pageJson(query(1));
    expect(after, "the 65th page emptied the cache").not.toBe(first);
    expect(text(after)).toBe(text(first));
  });

  it("forgets every page when the customers change", () => {
    const { customers, factory } = generateCustomers("cache", 10);
    const store = new CustomerStore(customers);
    const before = store.pageJson(query(1, 25));
    const added = factory.next(store.usernames);
    store.add(added);
    const withAdded = store.pageJson(query(1, 25));
    expect(JSON.parse(text(withAdded))).toMatchObject({ found: 11 });
    expect(store.remove(added.id)).toBe(true);
    expect(text(store.pageJson(query(1, 25)))).toBe(text(before));
    expect(store.remove(added.id)).toBe(false);
    store.replace(customers.slice(0, 2));
    expect(JSON.parse(text(store.pageJson(query(1, 25))))).toMatchObject({ found: 2 });
  });
});

describe("the store's order", () => {
  it("sorts what it is given (createdDate, then id), without reordering the caller's list", () => {
    const [a, b, c] = generateCustomers("order", 3).customers;
    const given = [c!, a!, b!];
    const store = new CustomerStore(given);
    expect(store.list().map((x) => x.id)).toEqual([a!.id, b!.id, c!.id]);
    expect(given).toEqual([c, a, b]);
    store.replace(given);
    expect(store.list().map((x) => x.id)).toEqual([a!.id, b!.id, c!.id]);
    expect(given).toEqual([c, a, b]);
  });
});
