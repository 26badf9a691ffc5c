import createClient from "openapi-fetch";
import type { paths } from "@finicity-aggregation/types";
import { addedMicros, alternate, medianNs, speedRatio, type Side } from "../alternate.js";
import { createBenchClient } from "../client-api.js";
import { APP_KEY, APP_TOKEN, smallBody } from "../fixtures.js";
import { measured, notAvailable } from "../report.js";
import { round } from "../stats.js";
import { bySize, type Benchmark } from "./benchmark.js";

const BASE_URL = "http://bench.invalid";
const PATH = "/aggregation/v1/customers";
const VALIDATING = "client with validateResponses: µs added over openapi-fetch";
const HEADERS = { Accept: "application/json", "App-Key": APP_KEY, "Finicity-App-Token": APP_TOKEN };

/**
 * 1. What the client layer costs per call, by openapi-fetch's own method: fetch is stubbed (no network), so only
 * the code between the caller and fetch is timed. Every side gets the same stub and parses the same small body.
 */
export const overhead: Benchmark = {
  id: 1,
  title: "Client overhead (fetch stubbed)",
  async run(options) {
    const config = bySize(options, {
      full: { rounds: 15, iterations: 3000, warmup: 5000 },
      quick: { rounds: 9, iterations: 3000, warmup: 3000 },
      smoke: { rounds: 3, iterations: 200, warmup: 100 },
    });
    const body = smallBody();
    const init: ResponseInit = { status: 200, headers: { "content-type": "application/json" } };
    const stub = (async () => new Response(body, init)) as typeof fetch;

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
    const detail = `median per call: client ${us("client").toFixed(2)} µs, openapi-fetch ${us("openapi-fetch").toFixed(2)} µs, raw fetch ${us("raw fetch").toFixed(2)} µs`;
    return {
      config: { ...config, stub: "new Response(body) per call", body: "Customers page of 2", client: "maxRetries 2, timeoutMs 30000, validateResponses false, app key + token; a fourth side with validateResponses true" },
      rows: [
        measured("client: µs added per call over openapi-fetch", added, "µs", { op: "<=", value: 5 }, detail),
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
      ],
      data: {
        medianMicrosPerCall: Object.fromEntries(sides.map((s) => [s.name, round(us(s.name))])),
        nsPerCallPerRound: Object.fromEntries(Object.entries(result.nsPerOp).map(([k, v]) => [k, v.map((x) => round(x, 0))])),
      },
      notes: [],
    };
  },
};
