/**
 * A focused script to profile one side of benchmark 1: many sequential calls against a stubbed fetch (no network),
 * so a CPU profile shows only the code between the caller and fetch.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/profile/client-calls.js client 1 200000
 *   node dist/profile/summarize.js /tmp/prof/*.cpuprofile
 *
 * Arguments: the side (`client`, `openapi-fetch`, `stainless`, or `all`: each in turn, 1,000 calls at a time), the page size (0, 1, 2 or 25: 0 and 1 use the
 * `username` queries of benchmark 2, the others `limit=25`), the number of calls (after a warm-up of a tenth of
 * them, at least 2,000), and `stub` (default) or `loopback`: real fetch against benchmark 2's bare node:http
 * server, started in a child process (so its samples stay out of this profile), to see what undici does with
 * the signal on the wire.
 *
 * With `all`, it writes when each side ran (`profile-windows.json` in the working directory, on the clock the CPU
 * profile uses), so summarize.js --windows profile-windows.json --side client keeps only that side's samples,
 * its awaited continuations included.
 */
import { writeFileSync } from "node:fs";
import createClient from "openapi-fetch";
import type { paths } from "@finicity-aggregation/types";
import { startChildServer } from "../child.js";
import { createBenchClient } from "../client-api.js";
import { APP_KEY, APP_TOKEN, PAGE_CASES, pageBody, smallBody } from "../fixtures.js";
import { createStainlessPeer } from "../stainless-peer.js";

const PATH = "/aggregation/v1/customers";
const HEADERS = { Accept: "application/json", "App-Key": APP_KEY, "Finicity-App-Token": APP_TOKEN };
const SIDES = ["client", "openapi-fetch", "stainless"] as const;
const CHUNK = 1000;

const [sideArg = "client", pageArg = "1", callsArg = "200000", modeArg = "stub"] = process.argv.slice(2);
const side = sideArg as (typeof SIDES)[number] | "all";
const customers = Number(pageArg);
const calls = Number(callsArg);
if (side !== "all" && !SIDES.includes(side)) throw new Error(`side must be one of ${SIDES.join(", ")} or all, got ${JSON.stringify(sideArg)}`);
if (![0, 1, 2, 25].includes(customers)) throw new Error(`page size must be 0, 1, 2 or 25, got ${JSON.stringify(pageArg)}`);
if (!Number.isInteger(calls) || calls < 1 || calls > 10_000_000) throw new Error(`calls must be an integer 1-10000000, got ${JSON.stringify(callsArg)}`);
if (modeArg !== "stub" && modeArg !== "loopback") throw new Error(`mode must be stub or loopback, got ${JSON.stringify(modeArg)}`);
const server = modeArg === "loopback" ? await startChildServer("bare") : undefined;

const body = customers === 2 ? smallBody() : pageBody(customers);
const query = PAGE_CASES.find((p) => p.customers === customers)?.query ?? { limit: 25 };
const init: ResponseInit = { status: 200, headers: { "content-type": "application/json" } };
const stub = server ? globalThis.fetch : ((async () => new Response(body, init)) as typeof fetch);
const BASE_URL = server?.info.url ?? "http://bench.invalid";

// Named functions, so a profile shows which side a stack belongs to.
function makeClientCall() {
  const client = createBenchClient({ baseUrl: BASE_URL, appKey: APP_KEY, appToken: APP_TOKEN, maxRetries: 2, timeoutMs: 30_000, validateResponses: false, fetch: stub });
  return function clientCall() {
    return client.getCustomers(query);
  };
}
function makeOpenapiFetchCall() {
  const bare = createClient<paths>({ baseUrl: BASE_URL, headers: HEADERS, fetch: stub });
  return async function openapiFetchCall() {
    return (await bare.GET(PATH, { params: { query } })).data;
  };
}
function makeStainlessCall() {
  const peer = createStainlessPeer({ baseUrl: BASE_URL, fetch: stub });
  return function stainlessCall() {
    return peer.getCustomers(query);
  };
}
const make = { client: makeClientCall, "openapi-fetch": makeOpenapiFetchCall, stainless: makeStainlessCall };
// `all`: every side, alternated in chunks of 1,000 calls, so the machine's load falls on each alike and one
// profile compares them (cut it with summarize.js --windows).
const ops = side === "all" ? SIDES.map((s) => ({ side: s, op: make[s]() })) : [{ side, op: make[side]() }];

try {
  for (const { side: name, op } of ops) {
    const first = (await op()) as { displaying?: number } | undefined;
    if (first?.displaying !== customers) throw new Error(`${name} asked for a page of ${customers} and got ${first?.displaying}`);
    for (let i = 0, warmup = Math.max(2000, calls / 10); i < warmup; i++) await op();
  }
  const ns = new Map<string, bigint>(ops.map((o) => [o.side, 0n]));
  const windows: { side: string; startUs: number; endUs: number }[] = [];
  for (let done = 0; done < calls; done += CHUNK) {
    const n = Math.min(CHUNK, calls - done);
    for (const { side: name, op } of ops) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < n; i++) await op();
      const end = process.hrtime.bigint();
      ns.set(name, ns.get(name)! + end - start);
      windows.push({ side: name, startUs: Number(start / 1000n), endUs: Number(end / 1000n) });
    }
  }
  if (side === "all") writeFileSync("profile-windows.json", JSON.stringify(windows));
  for (const [name, total] of ns) {
    console.log(`${name}, page of ${customers}, ${modeArg}: ${(Number(total) / calls / 1000).toFixed(2)} µs per call over ${calls} calls`);
  }
} finally {
  await server?.close();
}
