// Overhead of this client over bare openapi-fetch, with fetch stubbed (no network): `node scripts/bench.mjs`
// after `pnpm build`. Alternates the two in rounds and reports the median per-call difference.
import createClient from "openapi-fetch";
import { createCustomersClient } from "../dist/index.js";

const body = '{"found":1,"displaying":1,"moreAvailable":false,"customers":[]}';
const fetch = async () => new Response(body, { status: 200, headers: { "Content-Type": "application/json" } });
const query = { search: "john smith", start: 1, limit: 25 };
const baseUrl = "https://api.openbanking.mastercard.com.au";
const bare = createClient({ baseUrl, fetch, headers: { Accept: "application/json", "App-Key": "k", "Finicity-App-Token": "t" } });
const client = createCustomersClient({ appKey: "k", appToken: "t", fetch });

const variants = {
  "openapi-fetch": () => bare.GET("/aggregation/v1/customers", { params: { query } }),
  "openapi-fetch + AbortSignal": () => bare.GET("/aggregation/v1/customers", { params: { query }, signal: new AbortController().signal }),
  client: () => client.getCustomers(query),
};
async function time(fn, n) {
  const t = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return ((performance.now() - t) * 1000) / n;
}
const n = Number(process.argv[2] ?? 5000);
for (const fn of Object.values(variants)) await time(fn, n);
const results = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let round = 0; round < 7; round++) for (const [name, fn] of Object.entries(variants)) results[name].push(await time(fn, n));
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
for (const [name, xs] of Object.entries(results)) console.log(`${name.padEnd(28)} ${median(xs).toFixed(2)} µs/call`);
console.log(`client overhead over openapi-fetch: ${(median(results.client) - median(results["openapi-fetch"])).toFixed(2)} µs/call`);
