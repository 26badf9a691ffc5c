/**
 * Child-process entry: starts one server and reports its address to the parent over IPC, so the server and the
 * load generator run in different processes (on 2 cores, each gets one). Stops on the parent's "close" message or
 * when the parent goes away.
 *
 *   node dist/servers/serve.js bare
 *   node dist/servers/serve.js prism-static
 *   node dist/servers/serve.js sandbox '{"customers":100000,"seed":"bench"}'
 */
import { loopbackBody, PAGE_CASES, pageBody, queryString } from "../fixtures.js";
import { startBareServer } from "./bare-http.js";

type Started = { info: Record<string, unknown>; close(): Promise<void> };

async function start(kind: string, options: Record<string, unknown>): Promise<Started> {
  switch (kind) {
    case "bare": {
      // The 25-customer page for any query, except the username lookups of benchmark 2's smaller pages.
      const byQuery = Object.fromEntries(
        PAGE_CASES.filter((c) => "username" in c.query).map((c) => [queryString(c.query), pageBody(c.customers)]),
      );
      const server = await startBareServer(loopbackBody(), byQuery);
      return { info: { url: server.url }, close: server.close };
    }
    case "prism-static": {
      // Loaded only here: Prism takes seconds to load on a busy machine, and the bare server needs none of it.
      const { startMock } = await import("@finicity-aggregation/mock");
      const mock = await startMock({ mode: "static", logLevel: "silent" });
      return { info: { url: mock.url }, close: mock.close };
    }
    case "sandbox": {
      const customers = Number(options.customers ?? 200);
      const seed = String(options.seed ?? "bench");
      const { startSandbox } = await import("./sandbox.js");
      const sandbox = await startSandbox(customers, seed, options.requireAppKey === true);
      return { info: { ...sandbox.info }, close: sandbox.close };
    }
    default:
      throw new Error(`unknown server kind ${JSON.stringify(kind)}`);
  }
}

const send = (message: unknown) => process.send?.(message);

try {
  const kind = process.argv[2] ?? "";
  const options = JSON.parse(process.argv[3] ?? "{}") as Record<string, unknown>;
  const started = await start(kind, options);
  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    // Prism's close waits for idle keep-alive connections to time out (seconds); the process ends anyway.
    const grace = new Promise((resolve) => setTimeout(resolve, 500).unref());
    await Promise.race([started.close().catch(() => undefined), grace]);
    process.exit(0);
  };
  process.on("message", (message) => {
    if (message === "close") void stop();
  });
  process.on("disconnect", () => void stop());
  send({ type: "ready", info: started.info });
} catch (error) {
  send({ type: "error", message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
