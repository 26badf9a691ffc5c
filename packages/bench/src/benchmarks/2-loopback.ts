import createClient from "openapi-fetch";
import type { paths } from "@finicity-aggregation/types";
import { alternate, byCpuTime, medianNs, ratioSpread, speedRatio, type AlternateResult, type Side } from "../alternate.js";
import { startChildServer } from "../child.js";
import { createBenchClient } from "../client-api.js";
import { APP_KEY, APP_TOKEN, PAGE_CASES, queryString, type PageCase } from "../fixtures.js";
import { measured, type Row } from "../report.js";
import { createStainlessPeer } from "../stainless-peer.js";
import { formatSpread, round, type Spread } from "../stats.js";
import { bySize, type Benchmark } from "./benchmark.js";

const PATH = "/aggregation/v1/customers";
const HEADERS = { Accept: "application/json", "App-Key": APP_KEY, "Finicity-App-Token": APP_TOKEN };
const PEER = "Stainless runtime";

/**
 * 2. Sequential GETs over loopback against a bare node:http server (in its own process) that returns fixed pages,
 * keep-alive on, at three page sizes (a `username` miss, a hit, the default page of 25): the client, bare
 * openapi-fetch, raw fetch, openapi-fetch with a per-request signal and timer, and the Stainless runtime,
 * alternated round by round, one page size after the other.
 */
export const loopback: Benchmark = {
  id: 2,
  title: "Loopback against a bare node:http server",
  async run(options) {
    // Many short rounds: a burst of other work on a shared machine then spoils a few rounds' ratios, not the median.
    const config = bySize(options, {
      full: { rounds: 60, iterations: 80, warmup: 300 },
      quick: { rounds: 20, iterations: 80, warmup: 200 },
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
      const peer = createStainlessPeer({ baseUrl });

      const rows: Row[] = [];
      const data: Record<string, unknown> = {};
      for (const page of PAGE_CASES) {
        const sides = sidesFor(page, baseUrl, { client, bare, peer });
        await checkSides(sides, page);
        const total = config.rounds * config.iterations * sides.length;
        options.log(`2: ${page.label}: ${config.rounds} rounds × ${config.iterations} requests per side (${total} requests)`);
        const result = await alternate(sides, config);
        rows.push(...rowsFor(page, result));
        data[`page${page.customers}`] = {
          medianRequestsPerSecond: Object.fromEntries(sides.map((s) => [s.name, round(1e9 / medianNs(result, s.name), 0)])),
          // The scatter of the per-round ratios behind each row's median.
          ratioSpread: Object.fromEntries(
            [["client", "openapi-fetch"], ["client", PEER], [PEER, "openapi-fetch"]].map(([a, b]) => [`${a} / ${b}`, roundSpread(ratioSpread(result, a!, b!))]),
          ),
          nsPerRequestPerRound: Object.fromEntries(Object.entries(result.nsPerOp).map(([k, v]) => [k, v.map((x) => round(x, 0))])),
          cpuNsPerRequestPerRound: Object.fromEntries(Object.entries(result.cpuNsPerOp).map(([k, v]) => [k, v.map((x) => round(x, 0))])),
        };
      }
      return {
        config: {
          ...config,
          pages: PAGE_CASES.map((p) => ({ customers: p.customers, query: p.query })),
          keepAlive: true,
          server: "bare node:http in a child process",
          peer: `${PEER}: openai-node's client.get(path, { query }), same headers, maxRetries 2, timeout 30000`,
        },
        rows,
        data,
        notes: [],
      };
    } finally {
      await server.close();
    }
  },
};

const roundSpread = (s: Spread) => ({ q1: round(s.q1), q3: round(s.q3), min: round(s.min), max: round(s.max) });

interface Clients {
  client: ReturnType<typeof createBenchClient>;
  bare: ReturnType<typeof createClient<paths>>;
  peer: ReturnType<typeof createStainlessPeer>;
}

/** Every side returns the page it read, so `checkSides` can see that each asked for (and got) the right one. */
function sidesFor(page: PageCase, baseUrl: string, { client, bare, peer }: Clients): Side[] {
  const query = page.query;
  const rawUrl = `${baseUrl}${PATH}?${queryString(query)}`;
  return [
    { name: "client", op: () => client.getCustomers(query) },
    {
      name: "openapi-fetch",
      op: async () => {
        const { data } = await bare.GET(PATH, { params: { query } });
        if (!data) throw new Error("openapi-fetch got no data");
        return data;
      },
    },
    {
      name: "raw fetch",
      op: async () => {
        const res = await fetch(rawUrl, { headers: HEADERS });
        if (!res.ok) throw new Error(`raw fetch got HTTP ${res.status}`);
        return res.json();
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
          return data;
        } finally {
          clearTimeout(timer);
        }
      },
    },
    { name: PEER, op: () => peer.getCustomers(query) },
  ];
}

/** Once, before measuring: every side must get the page its query asks for (the server routes by query). */
async function checkSides(sides: Side[], page: PageCase): Promise<void> {
  for (const side of sides) {
    const got = (await side.op()) as { displaying?: unknown; customers?: unknown[] } | undefined;
    if (got?.displaying !== page.customers || got.customers?.length !== page.customers) {
      throw new Error(`2: ${side.name} asked for the ${page.label} and got ${JSON.stringify(got?.displaying)} customers`);
    }
  }
}

function rowsFor(page: PageCase, result: AlternateResult): Row[] {
  const perSec = (side: string) => 1e9 / medianNs(result, side);
  const spread = (side: string, base: string) => formatSpread(ratioSpread(result, side, base));
  const at = `(req/s, loopback, ${page.label})`;
  // This process's CPU time per request (the server's is in its own process): steadier on a loaded machine.
  const cpu = byCpuTime(result);
  const byCpu = (side: string, base: string) => `by this process's CPU per request ${speedRatio(cpu, side, base).toFixed(3)}× (${formatSpread(ratioSpread(cpu, side, base))})`;
  return [
    measured(`client / openapi-fetch ${at}`, speedRatio(result, "client", "openapi-fetch"), "x", { op: ">=", value: 0.95 },
      `${spread("client", "openapi-fetch")}; ${byCpu("client", "openapi-fetch")}; median req/s: client ${perSec("client").toFixed(0)}, openapi-fetch ${perSec("openapi-fetch").toFixed(0)}, raw fetch ${perSec("raw fetch").toFixed(0)}, ${PEER} ${perSec(PEER).toFixed(0)}`),
    measured(`client / ${PEER} ${at}`, speedRatio(result, "client", PEER), "x", { op: ">=", value: 1.3 },
      `${spread("client", PEER)}; ${byCpu("client", PEER)}; the peer: openai-node 5.23.2's client.get(path, { query }), same headers, 2 retries, 30 s timeout`),
    measured(`${PEER} / openapi-fetch ${at}`, speedRatio(result, PEER, "openapi-fetch"), "x", undefined, spread(PEER, "openapi-fetch")),
    measured(`client / raw fetch ${at}`, speedRatio(result, "client", "raw fetch"), "x", undefined, spread("client", "raw fetch")),
    measured(`openapi-fetch / raw fetch ${at}`, speedRatio(result, "openapi-fetch", "raw fetch"), "x", undefined, spread("openapi-fetch", "raw fetch")),
    measured(`openapi-fetch + per-request signal and timer / openapi-fetch ${at}`, speedRatio(result, "openapi-fetch + timeout", "openapi-fetch"), "x", undefined,
      `${spread("openapi-fetch + timeout", "openapi-fetch")}; what a per-attempt timeout costs on the wire by itself (an AbortSignal given to fetch, a 30 s timer)`),
  ];
}
