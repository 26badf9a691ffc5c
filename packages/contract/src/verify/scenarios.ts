import type { Query } from "./generate.js";
import type { Exchange } from "./http.js";
import { fail, pass, type Outcome } from "./results.js";
import type { CustomersPage } from "./semantics.js";

/** What a scenario needs from the run: send a checked Get Customers query, record extra outcomes, take notes. */
export interface ScenarioContext {
  /** Sends the query with valid credentials; every response check is applied and recorded. */
  send(query: Query, purpose: string): Promise<{ exchange: Exchange; page?: CustomersPage }>;
  record(outcomes: Outcome[], exchange: Exchange, purpose: string): void;
  note(text: string): void;
  remaining(): number;
  seed: number;
}

const MAX_PAGES = 8;

/** Exact username lookups: an existing username gives exactly that customer; an unknown one gives none. */
async function usernameScenario(ctx: ScenarioContext, sample: CustomersPage): Promise<void> {
  const known = sample.customers.find((c) => typeof c.username === "string" && c.username.length > 0);
  if (known && ctx.remaining() >= 1) {
    const purpose = `username lookup of an existing customer (${known.username})`;
    const { exchange, page } = await ctx.send({ username: known.username }, purpose);
    if (page) {
      ctx.record(
        [
          page.customers.length === 1 && page.customers[0]?.id === known.id
            ? pass("username-exact-match")
            : fail("username-exact-match", `exactly customer ${known.id} (${known.username})`, `${page.customers.length} customers: ${page.customers.map((c) => c.id).join(", ")}`),
        ],
        exchange,
        purpose,
      );
    }
  }
  if (ctx.remaining() >= 1) {
    const unknown = `finicity-contract-no-such-user-${ctx.seed}`;
    const purpose = "username lookup of a username nobody has";
    const { exchange, page } = await ctx.send({ username: unknown }, purpose);
    if (page) {
      ctx.record(
        [
          page.customers.length === 0 && page.displaying === 0 && !page.moreAvailable
            ? pass("username-exact-match")
            : fail("username-exact-match", "customers [], displaying 0, moreAvailable false", `displaying ${page.displaying}, moreAvailable ${page.moreAvailable}, ${page.customers.length} customers`),
        ],
        exchange,
        purpose,
      );
    }
  }
}

async function typeScenario(ctx: ScenarioContext): Promise<void> {
  for (const type of ["active", "testing"]) {
    if (ctx.remaining() < 1) return;
    await ctx.send({ type, limit: "100" }, `type filter ${type}`);
  }
}

/** Searches for a known customer's last name (or part of its username): results contain the term, and include it. */
async function searchScenario(ctx: ScenarioContext, sample: CustomersPage): Promise<void> {
  const known = sample.customers.find((c) => (c.lastName ?? "").trim().length >= 2) ?? sample.customers.find((c) => (c.username ?? "").length >= 4);
  if (!known) {
    ctx.note("search-matches-term: no customer with a last name or username to search for");
    return;
  }
  if (ctx.remaining() < 1) return;
  const term = (known.lastName ?? "").trim().length >= 2 ? known.lastName!.trim() : known.username.slice(1, -1);
  const purpose = `search for ${JSON.stringify(term)} (from customer ${known.id})`;
  const { exchange, page } = await ctx.send({ search: term, limit: "1000" }, purpose);
  if (page && !page.moreAvailable) {
    ctx.record(
      [
        page.customers.some((c) => c.id === known.id)
          ? pass("search-matches-term")
          : fail("search-matches-term", `customer ${known.id} among the results`, `${page.customers.length} customers without it`),
      ],
      exchange,
      purpose,
    );
  }
}

const total = (page: CustomersPage) => (typeof page.found === "number" ? page.found : page.moreAvailable ? undefined : page.displaying);

/** Pages through a query with small pages (start += displaying) and compares with the one-page result. */
async function pagingScenario(ctx: ScenarioContext): Promise<void> {
  const filters: Query[] = [{}, { type: "testing" }, { type: "active" }];
  for (const filter of filters) {
    if (ctx.remaining() < 3) break;
    const onePurpose = `one-page result ${JSON.stringify({ ...filter, limit: "1000" })}`;
    const { page: whole, exchange: oneExchange } = await ctx.send({ ...filter, start: "1", limit: "1000" }, onePurpose);
    if (!whole) {
      ctx.note(`paging-complete: not run, the one-page request answered ${oneExchange.response?.status ?? "nothing"} instead of a page of customers`);
      return;
    }
    const count = total(whole);
    if (count === undefined || count > 1000) continue;
    if (count < 2) {
      ctx.note(`paging-complete: only ${count} customer(s) match ${JSON.stringify(filter)}; too few to page`);
      return;
    }
    const budget = Math.min(MAX_PAGES, ctx.remaining());
    if (budget < 2) break;
    let pageSize = Math.max(1, Math.ceil(count / budget));
    if (pageSize >= count) pageSize = Math.ceil(count / 2);
    const expectedPages = Math.ceil(count / pageSize);
    const seen: string[] = [];
    let start = 1;
    let last: Exchange | undefined;
    let problem: string | undefined;
    for (let pages = 0; ; pages += 1) {
      if (pages >= expectedPages + 1 || ctx.remaining() < 1) {
        problem = `still moreAvailable after ${pages} pages of ${pageSize} (expected ${expectedPages})`;
        break;
      }
      const query = { ...filter, start: String(start), limit: String(pageSize) };
      const { exchange, page } = await ctx.send(query, `paging ${JSON.stringify(query)}`);
      last = exchange;
      if (!page) {
        problem = `page at start=${start} was not a 200 page (status ${exchange.response?.status ?? "none"})`;
        break;
      }
      seen.push(...page.customers.map((c) => c.id));
      if (!page.moreAvailable) break;
      if (page.displaying === 0) {
        problem = `moreAvailable true with displaying 0 at start=${start}`;
        break;
      }
      start += page.displaying;
    }
    if (!last) return;
    const expectedIds = whole.customers.map((c) => c.id);
    if (!problem) {
      const repeats = seen.filter((id, i) => seen.indexOf(id) !== i);
      const missing = expectedIds.filter((id) => !seen.includes(id));
      const extra = seen.filter((id) => !expectedIds.includes(id));
      const parts = [
        repeats.length ? `repeated ${repeats.slice(0, 5).join(", ")}` : "",
        missing.length ? `missing ${missing.slice(0, 5).join(", ")}` : "",
        extra.length ? `not in the one-page result ${extra.slice(0, 5).join(", ")}` : "",
        !repeats.length && !missing.length && !extra.length && seen.join() !== expectedIds.join() ? "same customers in another order" : "",
      ].filter(Boolean);
      if (parts.length) problem = `${seen.length} ids over the pages vs ${expectedIds.length} in one page: ${parts.join("; ")}`;
    }
    const purpose = `paging ${JSON.stringify(filter)} with limit=${pageSize} (found ${count})`;
    ctx.record(
      [problem ? fail("paging-complete", `the ${expectedIds.length} customers of the one-page result, in order, each once`, problem) : pass("paging-complete")],
      last,
      purpose,
    );
    return;
  }
  ctx.note("paging-complete: no query with found <= 1000 to page through");
}

/** The semantic scenarios, each bounded by the request budget. */
export async function runScenarios(ctx: ScenarioContext, sample: CustomersPage | undefined): Promise<void> {
  if (sample && sample.customers.length > 0) {
    await usernameScenario(ctx, sample);
    await searchScenario(ctx, sample);
  } else {
    ctx.note("username-exact-match and search-matches-term: the server returned no customer to look up");
  }
  await typeScenario(ctx);
  await pagingScenario(ctx);
}
