import type { Customer, Customers } from "@finicity-aggregation/types";

/** What Prism generated for one answer: status, headers and the parsed body. */
export interface GeneratedAnswer {
  statusCode: number;
  headers?: Record<string, string | string[]>;
  body?: unknown;
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z]/g, "");

/**
 * Makes a dynamic-mode page agree with itself and with the request, whatever the random data: the page holds at
 * most `limit` customers, `displaying` is their number, a page shorter than `limit` is the last one (`found` =
 * `start - 1 + displaying`, `moreAvailable: false`), a full page keeps a `found` of at least `start - 1 +
 * displaying` and says `moreAvailable` exactly when more follow; and each username and email is made from the
 * customer's own first and last name (keeping the generated separator and digits, so `seed` still repeats).
 */
export function makeDynamicPageConsistent(query: Record<string, string | string[]>, answer: GeneratedAnswer): GeneratedAnswer {
  if (answer.statusCode !== 200 || !isPage(answer.body)) return answer;
  const start = positive(query["start"], 1);
  const limit = positive(query["limit"], 25);
  const customers = answer.body.customers.slice(0, limit).map(plausibleNames);
  const displaying = customers.length;
  const shown = start - 1 + displaying;
  const found = displaying < limit ? shown : Math.max(answer.body.found ?? 0, shown);
  const body: Customers = { ...answer.body, found, displaying, moreAvailable: shown < found, customers };
  return { ...answer, body };
}

function plausibleNames(customer: Customer): Customer {
  const first = typeof customer.firstName === "string" ? slug(customer.firstName) : "";
  const last = typeof customer.lastName === "string" ? slug(customer.lastName) : "";
  if (first === "" || last === "") return customer;
  const generated = /([._-])[a-z]*([0-9]{2,3})$/.exec(customer.username);
  const username = `${first}${generated?.[1] ?? "."}${last}${generated?.[2] ?? "01"}`;
  const email = typeof customer.email === "string" ? `${first}.${last}@${customer.email.split("@")[1] ?? "example.com.au"}` : customer.email;
  return { ...customer, username, email };
}

function isPage(body: unknown): body is Customers {
  return typeof body === "object" && body !== null && Array.isArray((body as Customers).customers);
}

/** The first value of a query parameter as a whole number ≥ 1, else the default. */
function positive(value: string | string[] | undefined, fallback: number): number {
  const text = Array.isArray(value) ? value[0] : value;
  const n = Number(text);
  return text !== undefined && /^[0-9]+$/.test(text) && n >= 1 ? n : fallback;
}
