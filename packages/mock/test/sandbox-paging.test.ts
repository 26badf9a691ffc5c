import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Customer, Customers } from "@finicity-aggregation/types";
import { authHeaders, explain, getCustomers, ids, startSandbox, WITHOUT_PROXY } from "./helpers.js";
import type { RunningSandbox } from "../src/index.js";

let mock: RunningSandbox;
let auth: Record<string, string>;
let all: readonly Customer[];
beforeAll(async () => {
  mock = await startSandbox({ seed: "paging", customers: 120 });
  auth = authHeaders(mock);
  all = mock.sandbox.customers();
});

/** Walks every page with start += displaying, checking each page's bookkeeping on the way. */
async function walk(query: Record<string, string>, limit: number): Promise<Customer[]> {
  const seen: Customer[] = [];
  let start = 1;
  for (let guard = 0; guard < 1000; guard++) {
    const answer = await getCustomers<Customers>(mock.url, auth, { ...query, start, limit });
    expect(answer.status, explain(answer)).toBe(200);
    expect(answer.violations).toBeNull();
    const page = answer.body;
    expect(page.displaying).toBe(page.customers.length);
    expect(page.displaying).toBeLessThanOrEqual(limit);
    expect(page.moreAvailable).toBe(start - 1 + page.displaying < (page.found ?? 0));
    seen.push(...page.customers);
    if (!page.moreAvailable) return seen;
    expect(page.displaying, "a page that says more is available must not be empty").toBeGreaterThan(0);
    start += page.displaying;
  }
  throw new Error("paging did not end");
}

describe("paging invariant (through the validating proxy)", () => {
  it("concatenates pages of any query at any page size into the one-page result, no gaps or repeats", async () => {
    const searchTerms = () => {
      const words = new Set<string>();
      for (const c of all) {
        if (c.firstName) words.add(c.firstName.slice(0, 3));
        if (c.lastName) words.add(c.lastName);
        words.add(c.username.slice(0, 2));
      }
      return [...words];
    };
    const query = fc.record(
      {
        type: fc.constantFrom("", "active", "testing"),
        search: fc.oneof(fc.constant(""), fc.constantFrom(...searchTerms()), fc.string({ maxLength: 2 })),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(query, fc.integer({ min: 1, max: 130 }), async (q, limit) => {
        const whole = await getCustomers<Customers>(mock.url, auth, { ...q, start: 1, limit: 1000 });
        expect(whole.status, explain(whole)).toBe(200);
        expect(whole.body.moreAvailable).toBe(false);
        const paged = await walk(q, limit);
        expect(ids(paged)).toEqual(ids(whole.body.customers));
        expect(new Set(ids(paged)).size).toBe(paged.length);
        expect(paged.length).toBe(whole.body.found);
      }),
      // Fewer in the mutation runs, where this test runs for most mutants of the sandbox.
      { numRuns: WITHOUT_PROXY ? 15 : 40, seed: 20261127 },
    );
  });

  it("keeps the order stable across requests and after customers are added", async () => {
    const before = await getCustomers<Customers>(mock.url, auth, { limit: 1000 });
    const added = mock.sandbox.addCustomer({ firstName: "Paging", lastName: "Probe" });
    try {
      const after = await getCustomers<Customers>(mock.url, auth, { limit: 1000 });
      expect(ids(after.body.customers)).toEqual([...ids(before.body.customers), added.id]);
    } finally {
      mock.sandbox.removeCustomer(added.id);
    }
  });
});
