import { describe, expect, it } from "vitest";
import { PaginationError, ValidationError, createCustomersClient } from "../src/index.js";
import { page, stubFetch, url } from "./helpers.js";

const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => String(from + i));

/** A server holding `total` customers that pages by 1-based record index. */
function server(total: number) {
  return stubFetch((request) => {
    const q = url(request).searchParams;
    const start = Number(q.get("start"));
    const limit = Number(q.get("limit"));
    const slice = ids(start, Math.max(0, Math.min(limit, total - start + 1)));
    return { body: page(slice, start + slice.length - 1 < total) };
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe("iterateCustomers", () => {
  it("walks by record index (start += displaying) with pages of 1000 by default", async () => {
    const stub = server(2500);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    const all = await collect(client.iterateCustomers({ search: "x" }));
    expect(all.map((c) => c.id)).toEqual(ids(1, 2500));
    expect(stub.requests.map((r) => url(r).search)).toEqual([
      "?search=x&start=1&limit=1000",
      "?search=x&start=1001&limit=1000",
      "?search=x&start=2001&limit=1000",
    ]);
  });

  it("honours pageSize, a starting record and maxItems", async () => {
    const stub = server(100);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    const some = await collect(client.iterateCustomers({ start: 11 }, { pageSize: 7, maxItems: 10 }));
    expect(some.map((c) => c.id)).toEqual(ids(11, 10));
    expect(stub.requests.map((r) => url(r).search)).toEqual(["?start=11&limit=7", "?start=18&limit=3"]);
  });

  it("yields each id once when records shift between pages", async () => {
    // A customer added during the walk pushes "3" onto the second page as well.
    const stub = stubFetch([{ body: page(["1", "2", "3"], true) }, { body: page(["3", "4", "5"], true) }, { body: page(["6"], false) }]);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    const all = await collect(client.iterateCustomers({}, { pageSize: 3 }));
    expect(all.map((c) => c.id)).toEqual(["1", "2", "3", "4", "5", "6"]);
  });

  it("retries a page that claims more but adds nothing once, then throws PaginationError", async () => {
    const stub = stubFetch([{ body: page(["1", "2"], true) }, { body: page([], true) }]);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const c of client.iterateCustomers({}, { pageSize: 2 })) seen.push(c.id);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ name: "PaginationError", start: 3 });
    expect(seen).toEqual(["1", "2"]);
    expect(stub.requests).toHaveLength(3);
  });

  it("treats a page of only repeats like an empty one, and recovers when the retry adds records", async () => {
    const stub = stubFetch([{ body: page(["1", "2"], true) }, { body: page(["1", "2"], true) }, { body: page(["3"], false) }]);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    const all = await collect(client.iterateCustomers({}, { pageSize: 2 }));
    expect(all.map((c) => c.id)).toEqual(["1", "2", "3"]);
    expect(stub.requests.map((r) => url(r).searchParams.get("start"))).toEqual(["1", "3", "3"]);
  });

  it("takes pageSize alone as the page size", async () => {
    const stub = server(10);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    expect((await collect(client.iterateCustomers({}, { pageSize: 4 }))).map((c) => c.id)).toEqual(ids(1, 10));
    expect(stub.requests.map((r) => url(r).search)).toEqual(["?start=1&limit=4", "?start=5&limit=4", "?start=9&limit=4"]);
  });

  it("takes maxItems alone: asks for no more than it, and stops there", async () => {
    const stub = server(10);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    expect((await collect(client.iterateCustomers({}, { maxItems: 4 }))).map((c) => c.id)).toEqual(ids(1, 4));
    expect(stub.requests.map((r) => url(r).search)).toEqual(["?start=1&limit=4"]);
  });

  it("takes the query's limit as the page size when there is no pageSize", async () => {
    const stub = server(5);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    expect(await collect(client.iterateCustomers({ limit: 2 }))).toHaveLength(5);
    expect(stub.requests.map((r) => url(r).search)).toEqual(["?limit=2&start=1", "?limit=2&start=3", "?limit=2&start=5"]);
  });

  it("refuses a page with more records than asked for (maxItems still holds)", async () => {
    const stub = stubFetch([{ body: page(["1", "2", "3", "4", "5"], false) }]);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const c of client.iterateCustomers({}, { maxItems: 3 })) seen.push(c.id);
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "PaginationError", field: "displaying", start: 1 });
    expect(seen).toEqual([]);
  });

  it("asks again for an empty first page that claims more records", async () => {
    const stub = stubFetch([{ body: page([], true, 3) }, { body: page(["1", "2", "3"], false) }]);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    expect((await collect(client.iterateCustomers({}, { pageSize: 3 }))).map((c) => c.id)).toEqual(["1", "2", "3"]);
    expect(stub.requests.map((r) => url(r).search)).toEqual(["?start=1&limit=3", "?start=1&limit=3"]);
  });

  it("takes start: undefined as no start (undefined means absent)", async () => {
    const stub = server(3);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    expect(await collect(client.iterateCustomers({ start: undefined }, { pageSize: undefined, maxItems: undefined }))).toHaveLength(3);
    await client.getCustomers({ start: undefined, limit: 2 }, { timeoutMs: undefined });
    expect(stub.requests.map((r) => url(r).search)).toEqual(["?start=1&limit=1000", "?limit=2"]);
  });

  it("refuses each paging option on its own, and takes the largest pageSize", () => {
    const stub = server(10);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    const issues = (options: object) => {
      try {
        client.iterateCustomers({}, options);
      } catch (error) {
        return (error as ValidationError).issues.map((i) => `${i.field} ${i.rule}`);
      }
      return [];
    };
    expect(issues({ pageSize: 1001 })).toEqual(["pageSize maximum"]);
    expect(issues({ pageSize: 0 })).toEqual(["pageSize minimum"]);
    expect(issues({ pageSize: 2.5 })).toEqual(["pageSize type"]);
    expect(issues({ maxItems: 0 })).toEqual(["maxItems minimum"]);
    expect(issues({ maxItems: 1.5 })).toEqual(["maxItems type"]);
    expect(issues({ pageSize: 1000, maxItems: 1 })).toEqual([]);
    expect(stub.requests).toHaveLength(0);
  });

  it("refuses bad paging options before sending anything", () => {
    const stub = server(10);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    expect(() => client.iterateCustomers({}, { pageSize: 1001, maxItems: 0 })).toThrow(ValidationError);
    expect(() => client.pages({ start: 0 })).toThrow(/start/);
    expect(stub.requests).toHaveLength(0);
  });
});

describe("pages", () => {
  it("yields each page as sent and stops when moreAvailable is false", async () => {
    const stub = server(5);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch });
    const pages = await collect(client.pages({}, { pageSize: 2 }));
    expect(pages.map((p) => p.customers.map((c) => c.id))).toEqual([["1", "2"], ["3", "4"], ["5"]]);
    expect(pages.map((p) => p.moreAvailable)).toEqual([true, true, false]);
  });
});
