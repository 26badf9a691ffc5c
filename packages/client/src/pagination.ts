import type { Customer, Customers, GetCustomersQuery } from "@finicity-aggregation/types";
import type { PaginationError } from "./errors.js";

export type FetchPage = (query: GetCustomersQuery) => Promise<Customers>;

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * Walks the pages of a query. `start` is a 1-based record index: the next page starts at
 * `start + displaying`; the walk stops when `moreAvailable` is false, or once `maxItems` new records were seen.
 * Records are counted once by id (a repeat, caused by customers added during the walk, is skipped). A page
 * that claims more but adds no new record is asked for again once, then ends the walk with a PaginationError.
 * Memory grows with the ids seen, not with the records. Yields the pages as sent (`yieldPages`), or the new records.
 * This is the `./pagination` entry, loaded by `import()` on a client's first walk; the client passes its own
 * PaginationError class in (`Failure`), so what is thrown is the class the main entry exports.
 *
 * The server is not trusted. The field a PaginationError names, and what it must be:
 * - `found`: an integer >= 0; `displaying`: an integer from 0 to the limit asked for;
 * - `customers`: an array of `displaying` customers, each with a string id; some new when more are claimed;
 * - `moreAvailable`: a boolean, and false on a page that reaches `found`;
 * - `requests`: a walk makes at most `ceil(1.1 × found / limit) + 2` requests (found and limit of its first
 *   page; the tenth and the 2 leave room for customers added during the walk and a retry).
 */
export async function* walkPages(
  fetchPage: FetchPage,
  query: GetCustomersQuery,
  pageSize: number,
  maxItems: number,
  yieldPages: boolean,
  Failure: typeof PaginationError,
): AsyncGenerator<Customers | Customer> {
  const seen = new Set<string>();
  let start = query.start ?? 1;
  let retried = false;
  let requests = 0;
  let ceiling = 0;
  while (maxItems > 0) {
    const limit = Math.min(pageSize, maxItems);
    const page = await fetchPage({ ...query, start, limit });
    const { found, displaying, customers, moreAvailable } = (page ?? {}) as Partial<Customers>;
    if (!requests++) ceiling = Math.ceil((found! * 1.1) / limit) + 2;
    // The first field that breaks what paging relies on (see above), if any.
    const fail = (field: string | false): never | false => {
      if (field) throw new Failure(start, `Bad page at start=${start}: ${field}`, field);
      // Stryker disable next-line BooleanLiteral: equivalent, fail(false) is only called where its value is not used
      return false;
    };
    fail(
      (!isCount(found) && "found") ||
        ((!isCount(displaying) || displaying > limit) && "displaying") ||
        ((!Array.isArray(customers) || customers.length !== displaying) && "customers") ||
        ((typeof moreAvailable !== "boolean" || (moreAvailable && start + displaying! > found!)) && "moreAvailable") ||
        (requests > ceiling && "requests"),
    );
    // Set#add returns the set (truthy): keeps each id not seen before, and marks it seen.
    // Stryker disable next-line MethodExpression: equivalent for .slice(0, maxItems): a page holds at most limit <= maxItems records, or it was refused above (stryker-equivalent.md)
    const fresh = customers!
      .filter((customer) =>
        typeof customer?.id === "string" ? !seen.has(customer.id) && seen.add(customer.id) : fail("customers"),
      )
      .slice(0, maxItems);
    if (moreAvailable && !fresh.length) {
      if (retried) fail("customers"); // no new customers, twice
      retried = true;
      continue;
    }
    retried = false;
    maxItems -= fresh.length; // from here on: how many may still be yielded
    if (yieldPages) yield page;
    else yield* fresh;
    if (!moreAvailable) return;
    start += displaying!;
  }
}
