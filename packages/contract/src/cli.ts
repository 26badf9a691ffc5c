#!/usr/bin/env node
import { createRequire } from "node:module";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { UsageError, VerifyError } from "./verify/errors.js";
import { appendFile, readFile } from "node:fs/promises";
import { addMaskCommands, formatAnnotations, formatSummary } from "./verify/reporters/github.js";
import { runCompat } from "./compat/compat-command.js";
import { formatTerminal } from "./verify/reporters/terminal.js";
import { formatReplay, replay } from "./verify/replay.js";
import { escapeControl } from "./verify/escape.js";
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

function duration(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(s|m|min)?$/.exec(value.trim());
  const n = match ? Number(match[1]) * (match[2] === undefined || match[2] === "s" ? 1000 : 60_000) : Number.NaN;
  if (!(n >= 1000) || !Number.isSafeInteger(Math.round(n))) {
    throw new InvalidArgumentError('max-duration must be a time of at least 1 s, e.g. "5m", "90s" or "90" (seconds)');
  }
  return Math.round(n);
}

function percent(value: string): number {
  const n = Number(value.trim().replace(/%$/, ""));
  if (value.trim() === "" || !Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError("min-coverage must be a percentage from 0 to 100");
  return n;
}

/** Under GitHub Actions: the secrets known before the run, to register as masks before anything is printed. */
function knownSecrets(flags: { appKey?: string; appToken?: string; partnerSecret?: string }): string[] {
  const env = process.env;
  return [flags.appKey ?? env.FINICITY_APP_KEY, flags.appToken ?? env.FINICITY_APP_TOKEN, flags.partnerSecret ?? env.FINICITY_PARTNER_SECRET].filter(
    (s): s is string => typeof s === "string" && s !== "",
  );
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
  maxDuration?: number;
  minCoverage?: number;
  json?: string;
  junit?: string;
  html?: string;
  quiet?: boolean;
}

const { version } = createRequire(import.meta.url)("../package.json") as { version: string };

// Settings made here are inherited by every command added below: -h/--help, a usage error printed as one line
// and a hint (exit 2, see the catch at the end), and stray positional arguments refused.
const program = new Command()
  .name("finicity-contract")
  .description("Verify a server against the Mastercard Open Banking (Finicity) Get Customers spec")
  .version(version, "-V, --version")
  .helpOption("-h, --help", "show this help")
  .allowExcessArguments(false)
  .showHelpAfterError("(run finicity-contract --help for usage)")
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
  .option("--max-duration <time>", 'time limit of the whole run, e.g. "5m" or "90s" (default 5m)', duration)
  .option("--min-coverage <percent>", "fail (exit 1) when the coverage percentage is below this", percent)
  .option("--json <file>", "write the report as JSON")
  .option("--junit <file>", "write the report as JUnit XML")
  .option("--html <file>", "write the report as one self-contained HTML page")
  .option("--quiet", "print only the summary line")
  .action(async (flags: VerifyFlags) => {
    // Under GitHub Actions every secret is registered as a mask first, the token CreateToken issues as it comes.
    const github = process.env.GITHUB_ACTIONS === "true";
    const secrets = knownSecrets(flags);
    if (github) for (const line of addMaskCommands(secrets)) console.log(line);
    const report = await verify({
      ...(github ? { onSecret: (secret: string) => { if (!secrets.includes(secret)) { secrets.push(secret); for (const line of addMaskCommands([secret])) console.log(line); } } } : {}),
      ...(flags.minCoverage === undefined ? {} : { minCoverage: flags.minCoverage }),
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
      ...(flags.maxDuration === undefined ? {} : { maxDurationMs: flags.maxDuration }),
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
    if (github) {
      for (const line of formatAnnotations(report)) console.log(line);
      if (process.env.GITHUB_STEP_SUMMARY) await appendFile(process.env.GITHUB_STEP_SUMMARY, formatSummary(report, secrets), "utf8");
    }
    process.exitCode = report.exitCode;
  });

interface ReplayFlags {
  baseUrl?: string;
  region?: "au" | "us";
  appKey?: string;
  appToken?: string;
  partnerId?: string;
  partnerSecret?: string;
  allowProduction?: boolean;
  timeout?: number;
}

program
  .command("replay")
  .description(
    "Re-send exactly the failing requests of a JSON report (verify --json) and say for each whether it still fails.\n" +
      "Credentials come from the flags or FINICITY_APP_KEY, FINICITY_APP_TOKEN, FINICITY_PARTNER_ID, FINICITY_PARTNER_SECRET, never from the report.\n" +
      "Exit codes: 0 every request passes now, 1 any still fails or could not be sent, 2 bad input.",
  )
  .argument("<report>", "the JSON report written by verify --json")
  .option("--base-url <url>", "send to this server instead of the report's")
  .addOption(new Option("--region <region>", "header names: au or us (default: the report's)").choices(["au", "us"]))
  .option("--app-key <key>", "app key (prefer FINICITY_APP_KEY)")
  .option("--app-token <token>", "access token (prefer FINICITY_APP_TOKEN)")
  .option("--partner-id <id>", "partner ID for CreateToken (or FINICITY_PARTNER_ID)")
  .option("--partner-secret <secret>", "partner secret for CreateToken (prefer FINICITY_PARTNER_SECRET)")
  .option("--allow-production", "allow a known production host")
  .option("--timeout <ms>", "per-request timeout in milliseconds (default 10000)", integer("timeout", 1))
  .action(async (file: string, flags: ReplayFlags) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file, "utf8"));
    } catch (error) {
      throw new UsageError(escapeControl(`cannot read the report ${JSON.stringify(file)}: ${error instanceof Error ? error.message : String(error)}`));
    }
    const result = await replay({
      report: parsed,
      ...(flags.baseUrl === undefined ? {} : { baseUrl: flags.baseUrl }),
      ...(flags.region === undefined ? {} : { region: flags.region }),
      ...(flags.appKey === undefined ? {} : { appKey: flags.appKey }),
      ...(flags.appToken === undefined ? {} : { appToken: flags.appToken }),
      ...(flags.partnerId === undefined ? {} : { partnerId: flags.partnerId }),
      ...(flags.partnerSecret === undefined ? {} : { partnerSecret: flags.partnerSecret }),
      ...(flags.timeout === undefined ? {} : { timeoutMs: flags.timeout }),
      allowProduction: flags.allowProduction === true,
    });
    console.log(formatReplay(result));
    process.exitCode = result.exitCode;
  });

program
  .command("compat")
  .description(
    "Check a usage profile (finicity-mock --usage-out, GET /__sandbox/usage) against a spec: does it still accept every call answered 2xx, and still describe the responses relied on? A call answered 400 that the spec would now accept is a warning (!), not a failure.\n" +
      "Exit codes: 0 compatible, 1 not, 2 bad input (or a version-1 profile that mixed accepted and refused calls: record it again).",
  )
  .requiredOption("--usage <file>", "the usage profile (JSON)")
  .option("--spec <file>", "the OpenAPI document to check against (default: the one in @finicity-aggregation/types)")
  .action((flags: { usage: string; spec?: string }) => {
    process.exitCode = runCompat(flags);
  });

try {
  if (process.argv.length <= 2) {
    // No command at all: a usage error like the others (one line naming the commands, then the hint; exit 2),
    // not the whole help.
    const commands = program.commands.map((c) => c.name()).join(", ");
    console.error(`error: a command is needed, one of: ${commands}\n(run finicity-contract --help for usage)`);
    process.exitCode = 2;
  } else {
    await program.parseAsync();
  }
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version end here with exit code 0; every other parse error is a usage error.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof VerifyError) {
    console.error(`finicity-contract: ${error.message}`);
    process.exitCode = error.exitCode;
  } else {
    console.error(`finicity-contract: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  }
}
