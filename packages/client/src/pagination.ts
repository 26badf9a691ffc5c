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
  let remaining = maxItems;
  let retried = false;
  while (remaining > 0) {
    const page = await fetchPage({ ...query, start, limit: Math.min(pageSize, remaining) });
    // Set#add returns the set (truthy): keeps each id not seen before, and marks it seen.
    const fresh = page.customers.filter((customer) => !seen.has(customer.id) && seen.add(customer.id));
    if (page.moreAvailable && fresh.length === 0) {
      if (retried) {
        throw new PaginationError(start, `Page at start=${start} claims more records but added none, twice`);
      }
      retried = true;
      continue;
    }
    retried = false;
    if (fresh.length > remaining) fresh.length = remaining;
    remaining -= fresh.length;
    if (yieldPages) yield page;
    else yield* fresh;
    if (!page.moreAvailable) return;
    start += page.displaying;
  }
}
