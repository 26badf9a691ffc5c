/**
 * A focused script to profile one side of benchmark 1: many sequential calls against a stubbed fetch (no network),
 * so a CPU profile shows only the code between the caller and fetch.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/profile/client-calls.js client 1 200000
 *   node dist/profile/summarize.js /tmp/prof/*.cpuprofile
 *
 * Arguments: the side (`client`, `openapi-fetch`, `stainless`), the page size (0, 1, 2 or 25: 0 and 1 use the
 * `username` queries of benchmark 2, the others `limit=25`), the number of calls (after 20,000 warm-up calls).
 */
import createClient from "openapi-fetch";
import type { paths } from "@finicity-aggregation/types";
import { createBenchClient } from "../client-api.js";
import { APP_KEY, APP_TOKEN, PAGE_CASES, pageBody, smallBody } from "../fixtures.js";
import { createStainlessPeer } from "../stainless-peer.js";

const BASE_URL = "http://bench.invalid";
const PATH = "/aggregation/v1/customers";
const HEADERS = { Accept: "application/json", "App-Key": APP_KEY, "Finicity-App-Token": APP_TOKEN };
const SIDES = ["client", "openapi-fetch", "stainless"] as const;

const [sideArg = "client", pageArg = "1", callsArg = "200000"] = process.argv.slice(2);
const side = sideArg as (typeof SIDES)[number];
const customers = Number(pageArg);
const calls = Number(callsArg);
if (!SIDES.includes(side)) throw new Error(`side must be one of ${SIDES.join(", ")}, got ${JSON.stringify(sideArg)}`);
if (![0, 1, 2, 25].includes(customers)) throw new Error(`page size must be 0, 1, 2 or 25, got ${JSON.stringify(pageArg)}`);
if (!Number.isInteger(calls) || calls < 1 || calls > 10_000_000) throw new Error(`calls must be an integer 1-10000000, got ${JSON.stringify(callsArg)}`);

const body = customers === 2 ? smallBody() : pageBody(customers);
const query = PAGE_CASES.find((p) => p.customers === customers)?.query ?? { limit: 25 };
const init: ResponseInit = { status: 200, headers: { "content-type": "application/json" } };
const stub = (async () => new Response(body, init)) as typeof fetch;

const op: () => Promise<unknown> =
  side === "client"
    ? (() => {
        const client = createBenchClient({ baseUrl: BASE_URL, appKey: APP_KEY, appToken: APP_TOKEN, maxRetries: 2, timeoutMs: 30_000, validateResponses: false, fetch: stub });
        return () => client.getCustomers(query);
      })()
    : side === "openapi-fetch"
      ? (() => {
          const bare = createClient<paths>({ baseUrl: BASE_URL, headers: HEADERS, fetch: stub });
          return () => bare.GET(PATH, { params: { query } });
        })()
      : (() => {
          const peer = createStainlessPeer({ baseUrl: BASE_URL, fetch: stub });
          return () => peer.getCustomers(query);
        })();

for (let i = 0; i < 20_000; i++) await op();
const start = process.hrtime.bigint();
for (let i = 0; i < calls; i++) await op();
const ns = Number(process.hrtime.bigint() - start) / calls;
console.log(`${side}, page of ${customers}: ${(ns / 1000).toFixed(2)} µs per call over ${calls} calls`);
