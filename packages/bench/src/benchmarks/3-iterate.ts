import { alternate, medianNs, speedRatio, type Side } from "../alternate.js";
import { runWorker, startChildServer, type ChildServer } from "../child.js";
import { clientSupports, createBenchClient } from "../client-api.js";
import { APP_KEY } from "../fixtures.js";
import { measured, notAvailable, type Row } from "../report.js";
import type { SandboxInfo } from "../servers/sandbox.js";
import { round } from "../stats.js";
import { fetchLoopWalk, iteratorWalk, pagesWalk } from "../walks.js";
import { bySize, type Benchmark } from "./benchmark.js";

interface MemoryResult {
  count: number;
  baselineHeap: number;
  baselineRss: number;
  peakHeap: number;
  peakRss: number;
  maxRss: number;
  retainedHeap: number;
}

const MB = 1024 * 1024;
const PAGE_SIZE = 1000;
const SPEED = "iterator / fetch loop (records/s, pages of 1000)";
const MEMORY = "iterator: peak heap above baseline, large / small total";
const RSS = "iterator: peak RSS of the process, large / small total";

/**
 * 3. Reading every customer from the sandbox (direct URL, in its own process) in pages of 1000: the client's
 * iterator against a hand-written fetch loop, alternated; then each walk again in a fresh process at two totals,
 * to see whether peak memory grows with the total.
 */
export const iterate: Benchmark = {
  id: 3,
  title: "Iterating the sandbox in pages of 1000",
  async run(options) {
    const config = bySize(options, {
      full: { total: 100_000, smallTotal: 20_000, rounds: 4 },
      quick: { total: 40_000, smallTotal: 10_000, rounds: 2 },
      smoke: { total: 3_000, smallTotal: 2_000, rounds: 1 },
    });
    if (!clientSupports("iterateCustomers")) {
      return unavailable(config, "the client has no iterateCustomers yet (issue 3)");
    }
    let large: ChildServer<SandboxInfo> | undefined;
    let small: ChildServer<SandboxInfo> | undefined;
    try {
      options.log(`3: starting sandboxes of ${config.total} and ${config.smallTotal} customers`);
      [large, small] = await Promise.all([
        startChildServer<SandboxInfo>("sandbox", { customers: config.total, seed: "bench" }),
        startChildServer<SandboxInfo>("sandbox", { customers: config.smallTotal, seed: "bench" }),
      ]);
    } catch (error) {
      await Promise.all([large?.close(), small?.close()]);
      return unavailable(config, `the sandbox did not start: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      const { directUrl, token } = large.info;
      const client = createBenchClient({ baseUrl: directUrl, appKey: APP_KEY, appToken: token, validateResponses: false });
      const walks = {
        iterator: iteratorWalk(client, PAGE_SIZE),
        "fetch loop": fetchLoopWalk(directUrl, token, PAGE_SIZE),
        "client.pages": pagesWalk(client, PAGE_SIZE),
      };
      let sink = 0;
      const counts: Record<string, number> = {};
      const sides: Side[] = Object.entries(walks).map(([name, walk]) => ({
        name,
        op: async () => {
          counts[name] = await walk(() => sink++);
        },
      }));
      // Warm-up: one walk of the small sandbox per side (JIT, connection pool), cheaper than a walk of the large one.
      const smallInfo = small.info;
      const smallClient = createBenchClient({ baseUrl: smallInfo.directUrl, appKey: APP_KEY, appToken: smallInfo.token, validateResponses: false });
      await iteratorWalk(smallClient, PAGE_SIZE)(() => sink++);
      await fetchLoopWalk(smallInfo.directUrl, smallInfo.token, PAGE_SIZE)(() => sink++);
      options.log(`3: ${config.rounds} rounds, each side reads ${config.total} customers per round`);
      const timing = await alternate(sides, { rounds: config.rounds, iterations: 1, warmup: 0 });
      for (const [name, count] of Object.entries(counts)) {
        if (count !== config.total) throw new Error(`${name} read ${count} customers, expected ${config.total}`);
      }

      options.log("3: memory, one fresh process per walk");
      const memory: Record<string, MemoryResult> = {};
      for (const side of ["iterator", "fetch loop"] as const) {
        for (const [label, server, total] of [["small", small, config.smallTotal], ["large", large, config.total]] as const) {
          const job = { side, baseUrl: server.info.directUrl, token: server.info.token, pageSize: PAGE_SIZE, total };
          const result = await runWorker<MemoryResult>("workers/iterate-memory.js", job, ["--expose-gc"]);
          if (result.count !== total) throw new Error(`${side} read ${result.count} customers in the memory run, expected ${total}`);
          memory[`${side} ${label}`] = result;
        }
      }
      const growth = (side: string) => {
        const s = memory[`${side} small`]!;
        const l = memory[`${side} large`]!;
        return (l.peakHeap - l.baselineHeap) / (s.peakHeap - s.baselineHeap);
      };
      const describe = (side: string) => {
        const s = memory[`${side} small`]!;
        const l = memory[`${side} large`]!;
        const mb = (n: number) => (n / MB).toFixed(1);
        return `${side}: peak heap +${mb(s.peakHeap - s.baselineHeap)} MB at ${config.smallTotal}, +${mb(l.peakHeap - l.baselineHeap)} MB at ${config.total}; peak RSS ${mb(s.maxRss)} → ${mb(l.maxRss)} MB; retained before the last record +${mb(s.retainedHeap - s.baselineHeap)} → +${mb(l.retainedHeap - l.baselineHeap)} MB`;
      };
      const recordsPerSec = (side: string) => (config.total * 1e9) / medianNs(timing, side);
      const rows: Row[] = [
        measured(SPEED, speedRatio(timing, "iterator", "fetch loop"), "x", { op: ">=", value: 0.95 },
          `median records/s: iterator ${recordsPerSec("iterator").toFixed(0)}, fetch loop ${recordsPerSec("fetch loop").toFixed(0)} (${config.total} customers)`),
        measured("client.pages() / fetch loop (records/s, pages of 1000)", speedRatio(timing, "client.pages", "fetch loop"), "x", undefined,
          `median records/s: client.pages ${recordsPerSec("client.pages").toFixed(0)}; the iterator's gap to this is the promise per record of for await`),
        // INFO, not a target (issue 15): heap growth counts page garbage and the ids the walk keeps to dedupe
        // (about 56 B each), which grow with the total by design; peak RSS below is what users feel.
        measured(MEMORY, growth("iterator"), "x", undefined, describe("iterator")),
        measured("fetch loop: peak heap above baseline, large / small total", growth("fetch loop"), "x", undefined, describe("fetch loop")),
        measured(RSS, memory["iterator large"]!.maxRss / memory["iterator small"]!.maxRss, "x", { op: "<=", value: 1.25 }),
      ];
      return {
        config: { ...config, pageSize: PAGE_SIZE, server: "sandbox direct URL, child process", memory: "fresh process per walk, --expose-gc, sampled after every page" },
        rows,
        data: {
          medianRecordsPerSecond: { iterator: round(recordsPerSec("iterator"), 0), "fetch loop": round(recordsPerSec("fetch loop"), 0) },
          msPerWalkPerRound: Object.fromEntries(Object.entries(timing.nsPerOp).map(([k, v]) => [k, v.map((x) => round(x / 1e6, 1))])),
          memoryBytes: memory,
        },
        notes: [],
      };
    } finally {
      await Promise.all([large.close(), small.close()]);
    }
  },
};

function unavailable(config: Record<string, unknown>, why: string) {
  return {
    config,
    rows: [notAvailable(SPEED, why, { op: ">=", value: 0.95 }), notAvailable(MEMORY, why), notAvailable(RSS, why, { op: "<=", value: 1.25 })],
    data: {},
    notes: [why],
  };
}
