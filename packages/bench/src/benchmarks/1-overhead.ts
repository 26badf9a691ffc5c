import createClient from "openapi-fetch";
import type { paths } from "@finicity-aggregation/types";
import { addedMicros, addedSpread, alternate, byCpuTime, medianNs, ratioSpread, speedRatio, type AlternateResult, type Side } from "../alternate.js";
import { createBenchClient } from "../client-api.js";
import { APP_KEY, APP_TOKEN, PAGE_CASES, pageBody, smallBody } from "../fixtures.js";
import { measured, notAvailable, type Row } from "../report.js";
import { createStainlessPeer } from "../stainless-peer.js";
import { formatSpread, round } from "../stats.js";
import { bySize, type Benchmark } from "./benchmark.js";

const BASE_URL = "http://bench.invalid";
const PATH = "/aggregation/v1/customers";
const VALIDATING = "client with validateResponses: µs added over openapi-fetch";
const HEADERS = { Accept: "application/json", "App-Key": APP_KEY, "Finicity-App-Token": APP_TOKEN };
const PEER = "Stainless runtime";
const JSON_INIT: ResponseInit = { status: 200, headers: { "content-type": "application/json" } };

/** A fetch that answers every call with a new `Response` of `body` (no network). */
const stubFetch = (body: string) => (async () => new Response(body, JSON_INIT)) as typeof fetch;
const usSpread = (result: AlternateResult, side: string, base: string) => formatSpread(addedSpread(result, side, base), 2, " µs");
/** The same figure by this process's CPU time (steadier on a loaded machine: waiting for a core does not count). */
const byCpu = (result: AlternateResult, side: string, base: string) => {
  const cpu = byCpuTime(result);
  return `by CPU time ${addedMicros(cpu, side, base).toFixed(2)} µs (${usSpread(cpu, side, base)})`;
};

/**
 * 1. What the client layer costs per call, by openapi-fetch's own method: fetch is stubbed (no network), so only
 * the code between the caller and fetch is timed. Every side gets the same stub and parses the same small body.
 */
export const overhead: Benchmark = {
  id: 1,
  title: "Client overhead (fetch stubbed)",
  async run(options) {
    const config = bySize(options, {
      full: { rounds: 45, iterations: 1000, warmup: 5000 },
      quick: { rounds: 9, iterations: 3000, warmup: 3000 },
      smoke: { rounds: 3, iterations: 200, warmup: 100 },
    });
    // The 0- and 1-customer pages: fewer sides, so fewer calls per round are as steady.
    const smallConfig = bySize(options, {
      full: { rounds: 45, iterations: 700, warmup: 3000 },
      quick: { rounds: 9, iterations: 2000, warmup: 2000 },
      smoke: { rounds: 3, iterations: 200, warmup: 100 },
    });
    const stub = stubFetch(smallBody());

    const client = createBenchClient({
      baseUrl: BASE_URL,
      appKey: APP_KEY,
      appToken: APP_TOKEN,
      maxRetries: 2,
      timeoutMs: 30_000,
      validateResponses: false,
      fetch: stub,
    });
    const validating = createBenchClient({
      baseUrl: BASE_URL,
      appKey: APP_KEY,
      appToken: APP_TOKEN,
      maxRetries: 2,
      timeoutMs: 30_000,
      validateResponses: true,
      fetch: stub,
    });
    const bare = createClient<paths>({ baseUrl: BASE_URL, headers: HEADERS, fetch: stub });
    const peer = createStainlessPeer({ baseUrl: BASE_URL, fetch: stub });
    const query = { limit: 25 };
    const rawUrl = `${BASE_URL}${PATH}?limit=25`;

    const sides: Side[] = [
      { name: "client", op: () => client.getCustomers(query) },
      { name: "openapi-fetch", op: () => bare.GET(PATH, { params: { query } }) },
      { name: "raw fetch", op: async () => (await stub(rawUrl, { headers: HEADERS })).json() },
      // What a per-attempt timeout costs by itself: an AbortController, its signal (Node creates the AbortSignal
      // lazily, on first access) handed to fetch, and a timer, per call.
      {
        name: "openapi-fetch + timeout",
        op: async () => {
          const controller = new AbortController();
          const signal = controller.signal;
          const timer = setTimeout(() => controller.abort(), 30_000);
          try {
            return await bare.GET(PATH, { params: { query }, fetch: (request: Request) => stub(request, { signal }) });
          } finally {
            clearTimeout(timer);
          }
        },
      },
      { name: PEER, op: () => peer.getCustomers(query) },
    ];
    // The validating side is extra: if it cannot run (validator missing), the rest still measures.
    const validatingProblem = await validating.getCustomers(query).then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    if (!validatingProblem) sides.push({ name: "client, validateResponses", op: () => validating.getCustomers(query) });
    options.log(`1: ${config.rounds} rounds × ${config.iterations} calls per side`);
    const result = await alternate(sides, config);

    const us = (side: string) => medianNs(result, side) / 1000;
    const added = addedMicros(result, "client", "openapi-fetch");
    const detail = `${usSpread(result, "client", "openapi-fetch")}; ${byCpu(result, "client", "openapi-fetch")}; median per call: client ${us("client").toFixed(2)} µs, openapi-fetch ${us("openapi-fetch").toFixed(2)} µs, raw fetch ${us("raw fetch").toFixed(2)} µs, ${PEER} ${us(PEER).toFixed(2)} µs`;

    // The small pages a `username` lookup gets (0 or 1 customer), each with its own stub and query.
    const smallRows: Row[] = [];
    const smallData: Record<string, unknown> = {};
    for (const page of PAGE_CASES.filter((p) => p.customers <= 1)) {
      const pageStub = stubFetch(pageBody(page.customers));
      const pageClient = createBenchClient({
        baseUrl: BASE_URL,
        appKey: APP_KEY,
        appToken: APP_TOKEN,
        maxRetries: 2,
        timeoutMs: 30_000,
        validateResponses: false,
        fetch: pageStub,
      });
      const pageBare = createClient<paths>({ baseUrl: BASE_URL, headers: HEADERS, fetch: pageStub });
      const pagePeer = createStainlessPeer({ baseUrl: BASE_URL, fetch: pageStub });
      const q = page.query;
      const pageSides: Side[] = [
        { name: "client", op: () => pageClient.getCustomers(q) },
        { name: "openapi-fetch", op: () => pageBare.GET(PATH, { params: { query: q } }) },
        { name: PEER, op: () => pagePeer.getCustomers(q) },
      ];
      options.log(`1: ${page.label}: ${smallConfig.rounds} rounds × ${smallConfig.iterations} calls per side`);
      const r = await alternate(pageSides, smallConfig);
      const pus = (side: string) => medianNs(r, side) / 1000;
      smallRows.push(
        measured(`client: µs added per call over openapi-fetch, ${page.label}`, addedMicros(r, "client", "openapi-fetch"), "µs", { op: "<=", value: 5 },
          `${usSpread(r, "client", "openapi-fetch")}; ${byCpu(r, "client", "openapi-fetch")}; median per call: client ${pus("client").toFixed(2)} µs, openapi-fetch ${pus("openapi-fetch").toFixed(2)} µs, ${PEER} ${pus(PEER).toFixed(2)} µs`),
        measured(`${PEER}: µs added per call over openapi-fetch, ${page.label}`, addedMicros(r, PEER, "openapi-fetch"), "µs", undefined,
          `${usSpread(r, PEER, "openapi-fetch")}; ${byCpu(r, PEER, "openapi-fetch")}`),
        measured(`client / ${PEER} (calls/s, fetch stubbed, ${page.label})`, speedRatio(r, "client", PEER), "x", { op: ">=", value: 1.3 },
          formatSpread(ratioSpread(r, "client", PEER))),
      );
      smallData[`page${page.customers}`] = {
        query: q,
        medianMicrosPerCall: Object.fromEntries(pageSides.map((s) => [s.name, round(pus(s.name))])),
        nsPerCallPerRound: Object.fromEntries(Object.entries(r.nsPerOp).map(([k, v]) => [k, v.map((x) => round(x, 0))])),
        cpuNsPerCallPerRound: Object.fromEntries(Object.entries(r.cpuNsPerOp).map(([k, v]) => [k, v.map((x) => round(x, 0))])),
      };
    }

    return {
      config: {
        ...config,
        smallPages: smallConfig,
        stub: "new Response(body) per call",
        body: "Customers page of 2; then pages of 0 and 1 for username lookups",
        client: "maxRetries 2, timeoutMs 30000, validateResponses false, app key + token; a side with validateResponses true",
        peer: `${PEER}: openai-node's client.get(path, { query }), same headers, maxRetries 2, timeout 30000, fetch: the same stub`,
      },
      rows: [
        measured("client: µs added per call over openapi-fetch", added, "µs", { op: "<=", value: 5 }, detail),
        measured(`${PEER}: µs added per call over openapi-fetch`, addedMicros(result, PEER, "openapi-fetch"), "µs", undefined,
          `${usSpread(result, PEER, "openapi-fetch")}; ${byCpu(result, PEER, "openapi-fetch")}`),
        measured(`client / ${PEER} (calls/s, fetch stubbed)`, speedRatio(result, "client", PEER), "x", { op: ">=", value: 1.3 },
          formatSpread(ratioSpread(result, "client", PEER))),
        measured("client / openapi-fetch (calls/s)", speedRatio(result, "client", "openapi-fetch"), "x"),
        measured("client / raw fetch (calls/s)", speedRatio(result, "client", "raw fetch"), "x"),
        measured("openapi-fetch / raw fetch (calls/s)", speedRatio(result, "openapi-fetch", "raw fetch"), "x"),
        measured("client: µs added per call over raw fetch", addedMicros(result, "client", "raw fetch"), "µs"),
        measured("openapi-fetch + a per-call AbortSignal (given to fetch) and 30 s timer: µs added", addedMicros(result, "openapi-fetch + timeout", "openapi-fetch"), "µs", undefined,
          "what a per-attempt timeout costs by itself (part of the client's figure above)"),
        validatingProblem
          ? notAvailable(VALIDATING, validatingProblem, undefined, "µs")
          : measured(VALIDATING, addedMicros(result, "client, validateResponses", "openapi-fetch"), "µs", undefined,
              `median ${us("client, validateResponses").toFixed(2)} µs per call (each response checked against the spec's schema)`),
        ...smallRows,
      ],
      data: {
        smallPages: smallData,
        medianMicrosPerCall: Object.fromEntries(sides.map((s) => [s.name, round(us(s.name))])),
        nsPerCallPerRound: Object.fromEntries(Object.entries(result.nsPerOp).map(([k, v]) => [k, v.map((x) => round(x, 0))])),
        cpuNsPerCallPerRound: Object.fromEntries(Object.entries(result.cpuNsPerOp).map(([k, v]) => [k, v.map((x) => round(x, 0))])),
      },
      notes: [],
    };
  },
};
