import autocannon from "autocannon";
import { startChildServer, type ChildServer } from "../child.js";
import { APP_KEY, APP_TOKEN, LOOPBACK_PAGE_SIZE } from "../fixtures.js";
import { measured, notAvailable, type Row } from "../report.js";
import type { SandboxInfo } from "../servers/sandbox.js";
import { median, rotation, round } from "../stats.js";
import { bySize, type Benchmark } from "./benchmark.js";

const PATH = `/aggregation/v1/customers?limit=${LOOPBACK_PAGE_SIZE}`;
const CONNECTIONS = 10;

interface Target {
  name: string;
  figure: string;
  url?: string;
  token: string;
  unavailable?: string;
  target?: { op: ">="; value: number };
}

interface Shot {
  reqPerSec: number;
  non2xx: number;
  errors: number;
}

/** One autocannon run: `seconds` of load (autocannon counts whole seconds), or `amount` requests in --smoke. */
async function shoot(url: string, token: string, load: { seconds: number } | { amount: number }): Promise<Shot> {
  const result = await autocannon({
    url: `${url}${PATH}`,
    connections: CONNECTIONS,
    ...("amount" in load ? { amount: load.amount } : { duration: load.seconds }),
    headers: { Accept: "application/json", "App-Key": APP_KEY, "Finicity-App-Token": token },
  });
  return { reqPerSec: result.requests.total / (result.duration || 1), non2xx: result.non2xx, errors: result.errors + result.timeouts };
}

async function check(url: string, token: string): Promise<string | undefined> {
  try {
    const res = await fetch(`${url}${PATH}`, { headers: { Accept: "application/json", "App-Key": APP_KEY, "Finicity-App-Token": token } });
    await res.arrayBuffer();
    return res.ok ? undefined : `it answered HTTP ${res.status} to GET ${PATH}`;
  } catch (error) {
    return `GET ${PATH} failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * 4. Mock throughput: autocannon (10 connections) in this process, each server in its own child process, so the
 * load generator and the server each have a core of the 2. Targets are alternated in rounds; each round's
 * figure is divided by the bare server's figure from the same round.
 */
export const throughput: Benchmark = {
  id: 4,
  title: "Mock throughput (autocannon, 10 connections)",
  async run(options) {
    // autocannon runs whole seconds, so the load is split into 1-second rounds: --duration 5 gives 5 alternated rounds.
    const rounds = options.smoke ? 1 : Math.max(1, Math.round(options.durationSec));
    const shot = options.smoke ? { amount: 200 } : { seconds: 1 };
    const warmup = options.smoke ? undefined : { seconds: 1 };

    const servers: ChildServer<unknown>[] = [];
    const started = await Promise.allSettled([
      startChildServer<{ url: string }>("bare"),
      options.smoke
        ? Promise.reject(new Error("skipped in --smoke (one Prism start is enough to check the wiring)"))
        : startChildServer<{ url: string }>("prism-static"),
      startChildServer<SandboxInfo>("sandbox", { customers: 200, seed: "bench" }),
    ]);
    for (const s of started) if (s.status === "fulfilled") servers.push(s.value);
    const reason = (s: PromiseSettledResult<unknown>) =>
      s.status === "rejected" ? (s.reason instanceof Error ? s.reason.message : String(s.reason)) : "";
    try {
      const [bare, prism, sandbox] = started;
      const sandboxInfo = sandbox.status === "fulfilled" ? sandbox.value.info : undefined;
      const targets: Target[] = [
        { name: "bare", figure: "bare node:http (the limit), req/s", token: APP_TOKEN, ...(bare.status === "fulfilled" ? { url: bare.value.info.url } : { unavailable: reason(bare) }) },
        { name: "prism static", figure: "Prism static (logging off) / limit", token: APP_TOKEN, ...(prism.status === "fulfilled" ? { url: prism.value.info.url } : { unavailable: reason(prism) }) },
        { name: "sandbox direct", figure: "sandbox direct / limit", token: sandboxInfo?.token ?? "", target: { op: ">=", value: 0.5 }, ...(sandboxInfo ? { url: sandboxInfo.directUrl } : { unavailable: reason(sandbox) }) },
        { name: "sandbox via Prism proxy", figure: "sandbox behind Prism's validating proxy / limit", token: sandboxInfo?.token ?? "", ...(sandboxInfo ? { url: sandboxInfo.url } : { unavailable: reason(sandbox) }) },
      ];
      for (const t of targets) {
        if (t.url && !t.unavailable) {
          const problem = await check(t.url, t.token);
          if (problem) t.unavailable = problem;
        }
      }
      const live = targets.filter((t) => t.url && !t.unavailable);
      if (!live.some((t) => t.name === "bare")) throw new Error(`the bare server is not available: ${targets[0]!.unavailable}`);

      options.log(`4: ${live.length} targets × ${rounds} rounds of ${"amount" in shot ? `${shot.amount} requests` : "1 s"} (+1 s warm-up each)`);
      if (warmup) for (const t of live) await shoot(t.url!, t.token, warmup);
      const shots: Record<string, Shot[]> = Object.fromEntries(live.map((t) => [t.name, []]));
      for (let r = 0; r < rounds; r++) {
        for (const t of rotation(live, r)) shots[t.name]!.push(await shoot(t.url!, t.token, shot));
      }

      const bareShots = shots.bare!;
      const rows: Row[] = targets.map((t) => {
        if (t.unavailable || !shots[t.name]) return notAvailable(t.figure, t.unavailable ?? "not started", t.target);
        const own = shots[t.name]!;
        const rps = median(own.map((s) => s.reqPerSec));
        const bad = own.reduce((n, s) => n + s.non2xx + s.errors, 0);
        const detail = `median ${rps.toFixed(0)} req/s${bad ? `; ${bad} non-2xx answers or errors` : ""}`;
        if (t.name === "bare") return measured(t.figure, rps, "req/s", undefined, detail);
        const ratio = median(own.map((s, i) => s.reqPerSec / bareShots[i]!.reqPerSec));
        const row = measured(t.figure, ratio, "x", t.target, detail);
        return bad && row.status === "PASS" ? { ...row, status: "MISS" as const } : row;
      });
      return {
        config: { connections: CONNECTIONS, rounds, perRound: shot, warmup: warmup ?? "none", path: PATH, servers: "each in its own child process; autocannon in the bench process" },
        rows,
        data: { shots: Object.fromEntries(Object.entries(shots).map(([k, v]) => [k, v.map((s) => ({ ...s, reqPerSec: round(s.reqPerSec, 0) }))])) },
        notes: [],
      };
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  },
};
