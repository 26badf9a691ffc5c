import type { Query } from "./generate.js";
import { fail, pass, type Outcome } from "./results.js";
import { isObject, type OperationModel } from "./spec.js";

export interface CustomerRecord {
  id: string;
  username: string;
  type?: string;
  firstName?: string | null;
  lastName?: string | null;
}

export interface CustomersPage {
  found?: number;
  displaying: number;
  moreAvailable: boolean;
  customers: CustomerRecord[];
}

/** The body as a page of customers when it has the paging fields (schema conformance is checked elsewhere). */
export function asPage(body: unknown): CustomersPage | undefined {
  if (!isObject(body) || !Array.isArray(body.customers) || typeof body.displaying !== "number" || typeof body.moreAvailable !== "boolean") {
    return undefined;
  }
  if (!body.customers.every((c) => isObject(c))) return undefined;
  return body as unknown as CustomersPage;
}

function parameterDefault(operation: OperationModel, name: string, fallback: number): number {
  const value = operation.parameters.find((p) => p.name === name)?.schema.default;
  return typeof value === "number" ? value : fallback;
}

const describe = (c: CustomerRecord) => JSON.stringify({ id: c.id, username: c.username, type: c.type, firstName: c.firstName, lastName: c.lastName });

/** Whether a customer contains the search text, the way the documentation describes search (our reading). */
export function matchesSearch(customer: CustomerRecord, term: string): boolean {
  const needle = term.trim().toLowerCase().replace(/\s+/g, " ");
  const first = (customer.firstName ?? "").toLowerCase();
  const last = (customer.lastName ?? "").toLowerCase();
  const haystacks = [customer.username.toLowerCase(), first, last, `${first} ${last}`, `${last} ${first}`, `${first}${last}`, `${last}${first}`, `${last}, ${first}`];
  return haystacks.some((h) => h.includes(needle));
}

/** Checks a 200 page of Get Customers against what the request asked for. */
export function pageSemantics(operation: OperationModel, query: Query, page: CustomersPage): Outcome[] {
  const outcomes: Outcome[] = [];
  const start = Number(query.start ?? parameterDefault(operation, "start", 1));
  const limit = Number(query.limit ?? parameterDefault(operation, "limit", 25));
  const count = page.customers.length;

  const problems: string[] = [];
  if (page.displaying !== count) problems.push(`displaying ${page.displaying} but ${count} customers`);
  if (page.displaying > limit) problems.push(`displaying ${page.displaying} > limit ${limit}`);
  if (typeof page.found === "number" && page.found < page.displaying) problems.push(`found ${page.found} < displaying ${page.displaying}`);
  outcomes.push(
    problems.length === 0
      ? pass("page-counts-consistent")
      : fail("page-counts-consistent", `displaying = customers.length (${count}) <= limit (${limit}), found >= displaying`, problems.join("; ")),
  );

  if (typeof page.found === "number") {
    const expected = start + page.displaying - 1 < page.found;
    outcomes.push(
      page.moreAvailable === expected
        ? pass("more-available-consistent")
        : fail(
            "more-available-consistent",
            `moreAvailable ${expected} (start ${start} + displaying ${page.displaying} - 1 ${expected ? "<" : ">="} found ${page.found})`,
            `moreAvailable ${page.moreAvailable}`,
          ),
    );
  }

  const username = query.username;
  // A whitespace-only username is left out: whether a server trims it to "no filter" is not documented.
  if (username && username.trim() !== "") {
    const wrong = page.customers.filter((c) => c.username !== username);
    outcomes.push(
      count <= 1 && wrong.length === 0
        ? pass("username-exact-match")
        : fail("username-exact-match", `at most one customer, with username ${JSON.stringify(username)}`, `${count} customers: ${page.customers.slice(0, 3).map(describe).join(", ")}`),
    );
  }

  const type = query.type;
  if (type === "active" || type === "testing") {
    const wrong = page.customers.filter((c) => c.type !== type);
    outcomes.push(
      wrong.length === 0
        ? pass("type-filter-honoured")
        : fail("type-filter-honoured", `only customers of type ${type}`, `${wrong.length} of another type, e.g. ${describe(wrong[0]!)}`),
    );
  }

  const search = query.search?.trim();
  if (search) {
    const wrong = page.customers.filter((c) => typeof c.username === "string" && !matchesSearch(c, search));
    outcomes.push(
      wrong.length === 0
        ? pass("search-matches-term")
        : fail("search-matches-term", `every customer contains ${JSON.stringify(search)} in username or first/last name`, `${wrong.length} do not, e.g. ${describe(wrong[0]!)}`),
    );
  }
  return outcomes;
}
