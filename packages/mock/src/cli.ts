#!/usr/bin/env node
import { Command, InvalidArgumentError, Option } from "commander";
import { startMock } from "./start-mock.js";

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError("must be an integer from 0 to 65535 (0 takes a free port)");
  }
  return port;
}

const program = new Command()
  .name("finicity-mock")
  .description("Serve a mock of the Mastercard Open Banking (Finicity) Get Customers API")
  .option("-p, --port <port>", "port to listen on; 0 takes a free port (default: 4010, or a free port when 4010 is taken)", parsePort)
  .option("-h, --host <host>", "interface to listen on", "127.0.0.1")
  .addOption(new Option("-m, --mode <mode>", "what to serve").choices(["static", "dynamic"]).default("static"))
  .option("--seed <seed>", "seed for dynamic data")
  .addOption(
    new Option("--log-level <level>", "Prism's log level")
      .choices(["silent", "fatal", "error", "warn", "info", "debug", "trace"])
      .default("silent"),
  )
  .showHelpAfterError();

program.parse();
const opts = program.opts<{ port?: number; host: string; mode: "static" | "dynamic"; seed?: string; logLevel: "silent" }>();

const PRISM_DEFAULT_PORT = 4010;
const start = (port: number) =>
  startMock({
    port,
    host: opts.host,
    mode: opts.mode,
    logLevel: opts.logLevel,
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
  });
const mock = await (opts.port !== undefined
  ? start(opts.port)
  : start(PRISM_DEFAULT_PORT).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EADDRINUSE") throw error;
      console.error(`Port ${PRISM_DEFAULT_PORT} is taken; using a free port instead.`);
      return start(0);
    }));
console.log(`finicity-mock (${opts.mode}) listening on ${mock.url}`);
console.log(`Try: curl -H 'App-Key: demo' -H 'Finicity-App-Token: demo' '${mock.url}/aggregation/v1/customers?start=1&limit=25'`);

let closing = false;
const stop = () => {
  if (closing) return;
  closing = true;
  mock.close().then(() => process.exit(0), () => process.exit(1));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
