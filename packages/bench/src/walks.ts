import type { Customers } from "@finicity-aggregation/types";
import type { BenchClient } from "./client-api.js";
import { APP_KEY } from "./fixtures.js";

/** What benchmark 3 compares: two ways to read every customer, calling `onCustomer` once per record. */
export type Walk = (onCustomer: () => void) => Promise<number>;

/**
 * The loop a partner writes by hand with fetch: `start` is a 1-based record index, the next start is
 * start + displaying, stop when moreAvailable is false.
 */
export function fetchLoopWalk(baseUrl: string, token: string, pageSize: number): Walk {
  const headers = { Accept: "application/json", "App-Key": APP_KEY, "Finicity-App-Token": token };
  const base = `${baseUrl}/aggregation/v1/customers?limit=${pageSize}&start=`;
  return async (onCustomer) => {
    let start = 1;
    let count = 0;
    for (;;) {
      const res = await fetch(base + start, { headers });
      if (!res.ok) throw new Error(`fetch loop: HTTP ${res.status} at start=${start}`);
      const page = (await res.json()) as Customers;
      for (let i = 0; i < page.customers.length; i++) {
        onCustomer();
        count++;
      }
      if (!page.moreAvailable || page.displaying === 0) return count;
      start += page.displaying;
    }
  };
}

/** The client's iterator (issue 3): `for await (const customer of client.iterateCustomers(query, { pageSize }))`. */
export function iteratorWalk(client: BenchClient, pageSize: number): Walk {
  const iterate = client.iterateCustomers;
  if (typeof iterate !== "function") throw new Error("the client has no iterateCustomers");
  return async (onCustomer) => {
    let count = 0;
    for await (const customer of iterate.call(client, {}, { pageSize })) {
      if (customer) onCustomer();
      count++;
    }
    return count;
  };
}

/**
 * The client's page walk (`client.pages`), with a plain loop over each page's records: the same paging and
 * dedupe work as the iterator without a promise per record, to show what the per-record `for await` costs.
 */
export function pagesWalk(client: BenchClient, pageSize: number): Walk {
  const pages = client.pages;
  if (typeof pages !== "function") throw new Error("the client has no pages");
  return async (onCustomer) => {
    let count = 0;
    for await (const page of pages.call(client, {}, { pageSize })) {
      for (let i = 0; i < page.customers.length; i++) {
        onCustomer();
        count++;
      }
    }
    return count;
  };
}
