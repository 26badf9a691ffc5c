import createClient from "openapi-fetch";
import type { paths } from "@finicity-aggregation/types";
import { alternate, medianNs, speedRatio, type Side } from "../alternate.js";
import { startChildServer } from "../child.js";
import { createBenchClient } from "../client-api.js";
import { APP_KEY, APP_TOKEN } from "../fixtures.js";
import { measured } from "../report.js";
import { round } from "../stats.js";
import { bySize, type Benchmark } from "./benchmark.js";

const PATH = "/aggregation/v1/customers";
const HEADERS = { Accept: "application/json", "App-Key": APP_KEY, "Finicity-App-Token": APP_TOKEN };

/**
 * 2. Sequential GETs over loopback against a bare node:http server (in its own process) that returns a fixed
 * 25-customer page, keep-alive on: the client, bare openapi-fetch and raw fetch, alternated round by round.
 */
export const loopback: Benchmark = {
  id: 2,
  title: "Loopback against a bare node:http server",
  async run(options) {
    const config = bySize(options, {
      full: { rounds: 16, iterations: 300, warmup: 400 },
      quick: { rounds: 6, iterations: 300, warmup: 200 },
      smoke: { rounds: 2, iterations: 20, warmup: 10 },
    });
    const server = await startChildServer("bare");
    try {
      const baseUrl = server.info.url;
      const client = createBenchClient({
        baseUrl,
        appKey: APP_KEY,
        appToken: APP_TOKEN,
        maxRetries: 2,
        timeoutMs: 30_000,
        validateResponses: false,
      });
      const bare = createClient<paths>({ baseUrl, headers: HEADERS });
      const query = { limit: 25 };
      const rawUrl = `${baseUrl}${PATH}?limit=25`;
      const sides: Side[] = [
        { name: "client", op: () => client.getCustomers(query) },
        {
          name: "openapi-fetch",
          op: async () => {
            const { data } = await bare.GET(PATH, { params: { query } });
            if (!data) throw new Error("openapi-fetch got no data");
          },
        },
        {
          name: "raw fetch",
          op: async () => {
            const res = await fetch(rawUrl, { headers: HEADERS });
            if (!res.ok) throw new Error(`raw fetch got HTTP ${res.status}`);
            await res.json();
          },
        },
        // A per-attempt timeout on the wire: the signal given to fetch, as the client does.
        {
          name: "openapi-fetch + timeout",
          op: async () => {
            const controller = new AbortController();
            const timer = setTimeout(() => controller.abort(), 30_000);
            try {
              const { data } = await bare.GET(PATH, { params: { query }, signal: controller.signal });
              if (!data) throw new Error("openapi-fetch got no data");
            } finally {
              clearTimeout(timer);
            }
          },
        },
      ];
      const total = config.rounds * config.iterations * sides.length;
      options.log(`2: ${config.rounds} rounds × ${config.iterations} requests per side (${total} requests)`);
      const result = await alternate(sides, config);
      const opsPerSec = (side: string) => 1e9 / medianNs(result, side);
      const detail = `median req/s: client ${opsPerSec("client").toFixed(0)}, openapi-fetch ${opsPerSec("openapi-fetch").toFixed(0)}, raw fetch ${opsPerSec("raw fetch").toFixed(0)}; ratio of those medians ${(opsPerSec("client") / opsPerSec("openapi-fetch")).toFixed(3)}×`;
      return {
        config: { ...config, page: "25 customers", keepAlive: true, server: "bare node:http in a child process" },
        rows: [
          measured("client / openapi-fetch (req/s, loopback)", speedRatio(result, "client", "openapi-fetch"), "x", { op: ">=", value: 0.95 }, detail),
          measured("client / raw fetch (req/s, loopback)", speedRatio(result, "client", "raw fetch"), "x"),
          measured("openapi-fetch / raw fetch (req/s, loopback)", speedRatio(result, "openapi-fetch", "raw fetch"), "x"),
          measured("openapi-fetch + per-request signal and timer / openapi-fetch", speedRatio(result, "openapi-fetch + timeout", "openapi-fetch"), "x", undefined,
            "what a per-attempt timeout costs on the wire by itself (an AbortSignal given to fetch, a 30 s timer)"),
        ],
        data: {
          medianRequestsPerSecond: Object.fromEntries(sides.map((s) => [s.name, round(opsPerSec(s.name), 0)])),
          nsPerRequestPerRound: Object.fromEntries(Object.entries(result.nsPerOp).map(([k, v]) => [k, v.map((x) => round(x, 0))])),
        },
        notes: [],
      };
    } finally {
      await server.close();
    }
  },
};
