#!/usr/bin/env node
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { SandboxInputError } from "./sandbox/errors.js";
import { describeControlApi } from "./sandbox/control-access.js";
import { parseFaultHeader, type Fault } from "./sandbox/faults.js";
import type { RunningMock, RunningSandbox } from "./start-mock.js";

function parseInteger(min: number, max: number, what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^[0-9]+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`must be ${what}`);
    return n;
  };
}

function parseFault(value: string): Fault {
  try {
    return parseFaultHeader(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

const { version } = createRequire(import.meta.url)("../package.json") as { version: string };
const USAGE_HINT = "(run finicity-mock --help for usage)";

const program = new Command()
  .name("finicity-mock")
  .description("Serve a mock of the Mastercard Open Banking (Finicity) Get Customers API")
  .version(version, "-V, --version")
  .helpOption("-h, --help", "show this help")
  .allowExcessArguments(false)
  .exitOverride()
  .option("-p, --port <port>", "port to listen on; 0 takes a free port (default: 4010, or a free port when 4010 is taken)", parseInteger(0, 65535, "an integer from 0 to 65535 (0 takes a free port)"))
  .option("--host <host>", "interface to listen on", "127.0.0.1")
  .addOption(
    new Option("-m, --mode <mode>", "static: the spec's examples; dynamic: generated data; sandbox: a seeded sandbox behind Prism's validating proxy")
      .choices(["static", "dynamic", "sandbox"])
      .default("static"),
  )
  .option("--seed <seed>", "seed for dynamic data and for the sandbox's customers")
  .option("--customers <n>", "sandbox: number of customers (default 200)", parseInteger(0, 100_000, "an integer from 0 to 100000"))
  .option("--token-ttl <seconds>", "sandbox: token lifetime in seconds (default 5400, 90 minutes)", parseInteger(1, 31_536_000, "a whole number of seconds, 1 or more"))
  .option("--app-key <key>", "sandbox: accept only this app key (default: demo-app-key)")
  .option("--partner-id <id>", "sandbox: accept only this partner ID (default: demo-partner)")
  .option("--partner-secret <secret>", "sandbox: accept only this partner secret (default: demo-secret); prefer FINICITY_MOCK_PARTNER_SECRET")
  .option("--accept-any-credentials", "sandbox: accept any non-empty app key, partner ID and secret not set above (default: only the known ones)")
  .option("--fault <fault>", "sandbox: apply this fault to every request, in the X-Mock-Fault grammar (e.g. latency=50)", parseFault)
  .option("--no-fault-header", "sandbox: ignore the X-Mock-Fault request header")
  .option("--control-token <token>", "sandbox: require this bearer token on the HTTP control API (/__sandbox/); prefer FINICITY_MOCK_CONTROL_TOKEN. Without one, the control API is served only on a loopback host")
  .option("--usage-out <file>", "sandbox: write the usage profile (JSON) to this file on exit")
  .addOption(
    new Option("--log-level <level>", "Prism's log level")
      .choices(["silent", "fatal", "error", "warn", "info", "debug", "trace"])
      .default("silent"),
  )
  .showHelpAfterError(USAGE_HINT);

try {
  program.parse();
} catch (error) {
  // --help and --version end here with exit code 0; every other parse error was printed as one line and the hint.
  process.exit(error instanceof CommanderError && error.exitCode === 0 ? 0 : 2);
}
const opts = program.opts<{
  port?: number;
  host: string;
  mode: "static" | "dynamic" | "sandbox";
  seed?: string;
  customers?: number;
  tokenTtl?: number;
  appKey?: string;
  partnerId?: string;
  partnerSecret?: string;
  acceptAnyCredentials?: boolean;
  fault?: Fault;
  faultHeader: boolean;
  controlToken?: string;
  usageOut?: string;
  logLevel: "silent";
}>();
const controlToken = opts.controlToken ?? (process.env["FINICITY_MOCK_CONTROL_TOKEN"] || undefined);
if (controlToken !== undefined && !/^[\x21-\x7e]{16,}$/.test(controlToken)) {
  program.error("error: the control token (--control-token or FINICITY_MOCK_CONTROL_TOKEN) must be at least 16 printable characters without spaces");
}
if (opts.mode !== "sandbox" && (opts.usageOut !== undefined || opts.controlToken !== undefined)) {
  program.error(`error: ${opts.usageOut !== undefined ? "--usage-out" : "--control-token"} needs --mode sandbox`);
}
const partnerSecret = opts.partnerSecret ?? process.env["FINICITY_MOCK_PARTNER_SECRET"];

// Loaded after the options are parsed, so a bad option is reported without loading Prism.
const { startMock } = await import("./start-mock.js");
const { DEMO_CREDENTIALS } = await import("./sandbox/options.js");
const PRISM_DEFAULT_PORT = 4010;
const start = (port: number): Promise<RunningMock | RunningSandbox> => {
  const common = { port, host: opts.host, logLevel: opts.logLevel, ...(opts.seed === undefined ? {} : { seed: opts.seed }) };
  if (opts.mode !== "sandbox") return startMock({ ...common, mode: opts.mode });
  return startMock({
    ...common,
    mode: "sandbox",
    ...(opts.customers === undefined ? {} : { customers: opts.customers }),
    ...(opts.tokenTtl === undefined ? {} : { tokenTtlMs: opts.tokenTtl * 1000 }),
    credentials: {
      ...(opts.appKey === undefined ? {} : { appKey: opts.appKey }),
      ...(opts.partnerId === undefined ? {} : { partnerId: opts.partnerId }),
      ...(partnerSecret === undefined ? {} : { partnerSecret }),
    },
    ...(opts.acceptAnyCredentials ? { acceptAnyCredentials: true } : {}),
    faults: { header: opts.faultHeader, ...(opts.fault === undefined ? {} : { always: opts.fault }) },
    ...(controlToken === undefined ? {} : { controlToken }),
  });
};
const isPortTaken = (error: unknown) => /EADDRINUSE/.test(String((error as Error | undefined)?.message ?? error));
const mock = await (opts.port !== undefined
  ? start(opts.port)
  : start(PRISM_DEFAULT_PORT).catch((error: unknown) => {
      if (!isPortTaken(error)) throw error;
      console.error(`Port ${PRISM_DEFAULT_PORT} is taken; using a free port instead.`);
      return start(0);
    })
).catch((error: unknown): never => {
  // One line, no stack: a bad option value is a usage error (2); anything else (a port in use) is a failure (1).
  console.error(`finicity-mock: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof SandboxInputError) console.error(USAGE_HINT);
  process.exit(error instanceof SandboxInputError ? 2 : 1);
});
console.log(`finicity-mock (${opts.mode}) listening on ${mock.url}`);
if ("directUrl" in mock) {
  console.log(`sandbox (no validation, for faults) on ${mock.directUrl}`);
  // With required credentials, the demo values would be refused: point at shell variables instead (never echo a secret).
  const configured = opts.appKey !== undefined || opts.partnerId !== undefined || partnerSecret !== undefined;
  const key = opts.appKey === undefined ? DEMO_CREDENTIALS.appKey : "$APP_KEY";
  const id = opts.partnerId === undefined ? DEMO_CREDENTIALS.partnerId : "$PARTNER_ID";
  const secret = partnerSecret === undefined ? DEMO_CREDENTIALS.partnerSecret : "$PARTNER_SECRET";
  if (configured) console.log("Set APP_KEY, PARTNER_ID and PARTNER_SECRET to the credentials you configured, then");
  console.log(
    `Try: TOKEN=$(curl -s -X POST -H "App-Key: ${key}" -H 'Content-Type: application/json' -d "{\\"partnerId\\":\\"${id}\\",\\"partnerSecret\\":\\"${secret}\\"}" '${mock.url}/aggregation/v2/partners/authentication' | sed 's/.*"token":"\\([^"]*\\)".*/\\1/')`,
  );
  console.log(`     curl -H "App-Key: ${key}" -H "Finicity-App-Token: $TOKEN" '${mock.url}/aggregation/v1/customers?start=1&limit=25'`);
  console.log(describeControlApi(mock.controlUrl, controlToken !== undefined, opts.host));
} else {
  console.log(`Try: curl -H 'App-Key: demo' -H 'Finicity-App-Token: demo' '${mock.url}/aggregation/v1/customers?start=1&limit=25'`);
}

let closing = false;
const stop = () => {
  if (closing) return;
  closing = true;
  if (opts.usageOut !== undefined && "sandbox" in mock) {
    try {
      writeFileSync(opts.usageOut, `${JSON.stringify(mock.sandbox.usage(), null, 2)}\n`);
      console.error(`Usage profile written to ${opts.usageOut}`);
    } catch (error) {
      console.error(`finicity-mock: could not write the usage profile to ${opts.usageOut}: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  }
  mock.close().then(
    () => process.exit(process.exitCode ?? 0),
    () => process.exit(1),
  );
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
