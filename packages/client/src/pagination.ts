import type { Customer, Customers, GetCustomersQuery } from "@finicity-aggregation/types";
import { PaginationError } from "./errors.js";

/** The largest page the API serves, and the page size iteration uses unless told otherwise. */
export const MAX_PAGE_SIZE = 1000;

export type FetchPage = (query: GetCustomersQuery) => Promise<Customers>;

/**
 * Walks the pages of a query. `start` is a 1-based record index: the next page starts at
 * `start + displaying`; the walk stops when `moreAvailable` is false, or once `maxItems` new records were seen.
 * Records are counted once by id (a repeat, caused by customers added during the walk, is skipped). A page
 * that claims more but adds no new record is asked for again once, then ends the walk with a PaginationError.
 * Memory grows with the ids seen, not with the records. Yields the pages as sent (`yieldPages`), or the new records.
 */
export async function* walkPages(
  fetchPage: FetchPage,
  query: GetCustomersQuery,
  pageSize: number,
  maxItems: number,
  yieldPages: boolean,
): AsyncGenerator<Customers | Customer> {
  const seen = new Set<string>();
  let start = query.start ?? 1;
  let retried = false;
  while (maxItems > 0) {
    const page = await fetchPage({ ...query, start, limit: Math.min(pageSize, maxItems) });
    // Set#add returns the set (truthy): keeps each id not seen before, and marks it seen.
    const fresh = page.customers.filter((customer) => !seen.has(customer.id) && seen.add(customer.id)).slice(0, maxItems);
    if (page.moreAvailable && !fresh.length) {
      if (retried) throw new PaginationError(start, `More claimed, but no new records at start=${start}, twice`);
      retried = true;
      continue;
    }
    retried = false;
    maxItems -= fresh.length; // from here on: how many may still be yielded
    if (yieldPages) yield page;
    else yield* fresh;
    if (!page.moreAvailable) return;
    start += page.displaying;
  }
}
