/** Fixed response bodies, the same bytes for every side of a comparison. */

const FIRST = ["Olivia", "Jack", "Charlotte", "William", "Amelia", "Noah", "Isla", "Thomas", "Mia", "James"];
const LAST = ["Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor", "Nguyen", "Johnson", "Martin", "White"];

/** A `Customers` page holding `count` customers, shaped as the spec describes (AU fields, epoch-second strings). */
export function customersPage(count: number, found = count, start = 1): object {
  const customers = Array.from({ length: count }, (_, i) => {
    const n = start + i;
    const first = FIRST[n % FIRST.length]!;
    const last = LAST[(n * 7) % LAST.length]!;
    return {
      id: String(1005061234 + n),
      username: `${first.toLowerCase()}.${last.toLowerCase()}${n}`,
      firstName: first,
      lastName: last,
      type: n % 5 === 0 ? "testing" : "active",
      createdDate: String(1607450357 + n * 60),
      lastModifiedDate: String(1607450357 + n * 120),
      email: `${first.toLowerCase()}.${last.toLowerCase()}${n}@example.com.au`,
      phone: "61-3-1234-1234",
      addressLine1: `${n} Collins Street`,
      city: "Melbourne",
      state: "VIC",
      postalCode: "3000",
      country: "AU",
    };
  });
  return { found, displaying: count, moreAvailable: start + count - 1 < found, customers };
}

/** The page every loopback comparison serves: 25 customers, the API's default limit. */
export const LOOPBACK_PAGE_SIZE = 25;
export const loopbackBody = (): string => JSON.stringify(customersPage(LOOPBACK_PAGE_SIZE, 200));

/**
 * The page sizes benchmark 2 compares, each with the query that asks for it: a `username` lookup that finds no
 * one (0), one that finds the customer (1, what partners call per sign-in), and the default page (25).
 */
export const HIT_USERNAME = "jack.johnson1"; // customersPage(1)'s one customer
export const PAGE_CASES = [
  { customers: 0, label: "page of 0 (username miss)", query: { username: "nobody.here" } },
  { customers: 1, label: "page of 1 (username hit)", query: { username: HIT_USERNAME } },
  { customers: 25, label: "page of 25 (default)", query: { limit: 25 } },
] as const;
export type PageCase = (typeof PAGE_CASES)[number];

/** A query as its URL form, `username=jack.johnson1` (every client measured serializes these the same). */
export const queryString = (query: Record<string, string | number>): string =>
  new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();

/** The body a case's query gets: the exact answer of the real API for that many matches. */
export const pageBody = (customers: number): string =>
  customers === 25 ? loopbackBody() : JSON.stringify(customersPage(customers, customers));

/** The small page used where the body should cost little next to the layer being measured. */
export const smallBody = (): string => JSON.stringify(customersPage(2, 200));

/** Credentials sent to servers that only check that they are present. */
export const APP_KEY = "bench-app-key";
export const APP_TOKEN = "bench-app-token";
