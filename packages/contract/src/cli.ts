#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { runCompat } from "./compat/compat-command.js";
import { VerifyError } from "./verify/errors.js";
import { formatTerminal } from "./verify/reporters/terminal.js";
import { verify } from "./verify/verify.js";
import { writeReports } from "./verify/write-reports.js";

function integer(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer >= ${min}`);
    return n;
  };
}

function rate(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(?:\/s)?$/.exec(value.trim());
  const n = match ? Number(match[1]) : Number.NaN;
  if (!(n > 0)) throw new InvalidArgumentError('rate must be a positive number of requests per second, e.g. "10" or "10/s"');
  return n;
}

interface VerifyFlags {
  baseUrl: string;
  region: "au" | "us";
  appKey?: string;
  appToken?: string;
  partnerId?: string;
  partnerSecret?: string;
  seed?: number;
  runs?: number;
  maxRequests?: number;
  rate?: number;
  strict?: boolean;
  allowProduction?: boolean;
  timeout?: number;
  json?: string;
  junit?: string;
  html?: string;
  quiet?: boolean;
}

const program = new Command()
  .name("finicity-contract")
  .description("Verify a server against the Mastercard Open Banking (Finicity) Get Customers spec")
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text) });

program
  .command("verify")
  .description(
    "Send generated and fixed requests to a server and check every answer against the spec.\n" +
      "Credentials default to FINICITY_APP_KEY, FINICITY_APP_TOKEN, FINICITY_PARTNER_ID, FINICITY_PARTNER_SECRET.\n" +
      "Exit codes: 0 conforms, 1 does not conform, 2 usage error or unreachable server.",
  )
  .requiredOption("--base-url <url>", "base URL of the server under test")
  .addOption(new Option("--region <region>", "header names: au (App-Key) or us (Finicity-App-Key)").choices(["au", "us"]).default("au"))
  .option("--app-key <key>", "app key (prefer FINICITY_APP_KEY)")
  .option("--app-token <token>", "access token to use instead of creating one (prefer FINICITY_APP_TOKEN)")
  .option("--partner-id <id>", "partner ID for CreateToken (or FINICITY_PARTNER_ID)")
  .option("--partner-secret <secret>", "partner secret for CreateToken (prefer FINICITY_PARTNER_SECRET)")
  .option("--seed <n>", "seed of the request generator (printed in every report)", integer("seed", 0))
  .option("--runs <n>", "generated requests per property (default 25)", integer("runs", 1))
  .option("--max-requests <n>", "hard cap on requests sent (default 200)", integer("max-requests", 1))
  .option("--rate <n/s>", "requests per second at most (default 25)", rate)
  .option("--strict", "fail on assumed checks too (they only warn otherwise)")
  .option("--allow-production", "allow a known production host")
  .option("--timeout <ms>", "per-request timeout in milliseconds (default 10000)", integer("timeout", 1))
  .option("--json <file>", "write the report as JSON")
  .option("--junit <file>", "write the report as JUnit XML")
  .option("--html <file>", "write the report as one self-contained HTML page")
  .option("--quiet", "print only the summary line")
  .action(async (flags: VerifyFlags) => {
    const report = await verify({
      baseUrl: flags.baseUrl,
      region: flags.region,
      ...(flags.appKey === undefined ? {} : { appKey: flags.appKey }),
      ...(flags.appToken === undefined ? {} : { appToken: flags.appToken }),
      ...(flags.partnerId === undefined ? {} : { partnerId: flags.partnerId }),
      ...(flags.partnerSecret === undefined ? {} : { partnerSecret: flags.partnerSecret }),
      ...(flags.seed === undefined ? {} : { seed: flags.seed }),
      ...(flags.runs === undefined ? {} : { runs: flags.runs }),
      ...(flags.maxRequests === undefined ? {} : { maxRequests: flags.maxRequests }),
      ...(flags.rate === undefined ? {} : { rate: flags.rate }),
      ...(flags.timeout === undefined ? {} : { timeoutMs: flags.timeout }),
      strict: flags.strict === true,
      allowProduction: flags.allowProduction === true,
    });
    await writeReports(report, {
      ...(flags.json ? { json: flags.json } : {}),
      ...(flags.junit ? { junit: flags.junit } : {}),
      ...(flags.html ? { html: flags.html } : {}),
    });
    const text = formatTerminal(report);
    console.log(flags.quiet ? text.split("\n").slice(-2).join("\n") : text);
    process.exitCode = report.exitCode;
  });

program
  .command("compat")
  .description(
    "Check a usage profile (finicity-mock --usage-out, GET /__sandbox/usage) against a spec: does it still accept\n" +
      "every recorded call, and still describe the responses relied on? Exit codes: 0 compatible, 1 not, 2 bad input.",
  )
  .requiredOption("--usage <file>", "the usage profile (JSON)")
  .option("--spec <file>", "the OpenAPI document to check against (default: the one in @finicity-aggregation/types)")
  .action((flags: { usage: string; spec?: string }) => {
    process.exitCode = runCompat(flags);
  });

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version end here with exit code 0; every other parse error is a usage error.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof VerifyError) {
    console.error(`finicity-contract: ${error.message}`);
    process.exitCode = error.exitCode;
  } else {
    console.error(`finicity-contract: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 2;
  }
}
