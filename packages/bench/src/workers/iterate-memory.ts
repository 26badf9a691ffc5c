/**
 * Child-process entry for benchmark 3's memory figures: one walk in a fresh process (run with --expose-gc), so the
 * peak RSS of the process is the walk's own. Reports over IPC:
 * - heap and RSS before the walk (after a full GC),
 * - the highest heapUsed and RSS sampled after every page's worth of records,
 * - the heap still held just before the last record is consumed (after a full GC): what the walk retains.
 *
 *   node --expose-gc dist/workers/iterate-memory.js '{"side":"iterator","baseUrl":"...","token":"...","pageSize":1000}'
 */
import { createBenchClient } from "../client-api.js";
import { APP_KEY } from "../fixtures.js";
import { fetchLoopWalk, iteratorWalk, type Walk } from "../walks.js";

interface Job {
  side: "iterator" | "fetch loop";
  baseUrl: string;
  token: string;
  pageSize: number;
  total: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

const job = JSON.parse(process.argv[2] ?? "{}") as Job;
try {
  if (!gc) throw new Error("run with --expose-gc");
  const walk: Walk =
    job.side === "iterator"
      ? iteratorWalk(
          createBenchClient({ baseUrl: job.baseUrl, appKey: APP_KEY, appToken: job.token, validateResponses: false }),
          job.pageSize,
        )
      : fetchLoopWalk(job.baseUrl, job.token, job.pageSize);
  gc();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  let seen = 0;
  let retainedHeap = Number.NaN;
  const count = await walk(() => {
    seen++;
    if (seen % job.pageSize === 0) {
      const now = process.memoryUsage();
      if (now.heapUsed > peakHeap) peakHeap = now.heapUsed;
      if (now.rss > peakRss) peakRss = now.rss;
    }
    if (seen === job.total - 1) {
      gc();
      retainedHeap = process.memoryUsage().heapUsed;
    }
  });
  process.send?.({
    type: "done",
    count,
    baselineHeap: before.heapUsed,
    baselineRss: before.rss,
    peakHeap,
    peakRss,
    maxRss: process.resourceUsage().maxRSS * 1024,
    retainedHeap,
  }, () => process.exit(0));
} catch (error) {
  process.send?.({ type: "error", message: error instanceof Error ? error.message : String(error) }, () => process.exit(1));
}
