import { startChildServer } from "../child.js";
import { verifyFunction } from "../client-api.js";
import { APP_KEY } from "../fixtures.js";
import { measured, notAvailable } from "../report.js";
import type { SandboxInfo } from "../servers/sandbox.js";
import type { Benchmark } from "./benchmark.js";

/** The parts of the verifier's `Report` (issue 6) this figure reads. */
interface ReportLike {
  ok?: boolean;
  durationMs?: number;
  requests?: number;
  checks?: { name?: string; status?: string }[];
}

const TOTAL = "verifier default run: total time";

/**
 * 5. `verify()` from @finicity-aggregation/contract with its defaults against the sandbox (direct URL, own
 * process): total time and requests per second; and once more with the rate limit lifted, to show what the
 * verifier itself costs per request.
 */
export const verifier: Benchmark = {
  id: 5,
  title: "Contract verifier against the sandbox",
  async run(options) {
    const verify = await verifyFunction();
    if (!verify) {
      return { config: {}, rows: [notAvailable(TOTAL, "@finicity-aggregation/contract exports no verify() yet (issue 6)")], data: {}, notes: [] };
    }
    let server;
    try {
      server = await startChildServer<SandboxInfo>("sandbox", { customers: 200, seed: "bench", requireAppKey: true });
    } catch (error) {
      const why = `the sandbox did not start: ${error instanceof Error ? error.message : String(error)}`;
      return { config: {}, rows: [notAvailable(TOTAL, why)], data: {}, notes: [why] };
    }
    try {
      const base = { baseUrl: server.info.directUrl, appKey: APP_KEY, appToken: server.info.token, env: {} };
      const runs = options.smoke ? { runs: 2, maxRequests: 30 } : {};
      const timed = async (extra: Record<string, unknown>) => {
        const t0 = process.hrtime.bigint();
        const report = (await verify({ ...base, ...runs, ...extra })) as ReportLike;
        return { report, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
      };
      options.log("5: verify() with its defaults");
      const defaults = await timed({});
      options.log("5: verify() with the rate limit lifted");
      const unthrottled = await timed({ rate: 100_000 });
      const describe = (r: ReportLike, ms: number) => {
        const failed = (r.checks ?? []).filter((c) => c.status === "failed").map((c) => c.name ?? "?");
        return `${r.requests ?? "?"} requests in ${ms.toFixed(0)} ms; report ${r.ok ? "ok" : `not ok (failed: ${failed.join(", ")})`}`;
      };
      const rps = (r: ReportLike, ms: number) => (typeof r.requests === "number" ? (r.requests * 1000) / ms : Number.NaN);
      return {
        config: { server: "sandbox direct URL, 200 customers, only the bench app key accepted, child process", defaults: "runs 25, maxRequests 200, rate 25/s (the verifier's own)", ...runs },
        rows: [
          measured(TOTAL, defaults.ms, "ms", undefined, describe(defaults.report, defaults.ms)),
          measured("verifier default run: requests/s", rps(defaults.report, defaults.ms), "req/s", undefined, "bounded by the default --rate of 25 requests/s"),
          measured("verifier, rate limit lifted: requests/s", rps(unthrottled.report, unthrottled.ms), "req/s", undefined, describe(unthrottled.report, unthrottled.ms)),
        ],
        data: {
          defaults: { ms: defaults.ms, requests: defaults.report.requests, ok: defaults.report.ok, reportDurationMs: defaults.report.durationMs },
          unthrottled: { ms: unthrottled.ms, requests: unthrottled.report.requests, ok: unthrottled.report.ok, reportDurationMs: unthrottled.report.durationMs },
        },
        notes: [],
      };
    } finally {
      await server.close();
    }
  },
};
