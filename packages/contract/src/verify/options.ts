import { UsageError } from "./errors.js";

export type Region = "au" | "us";

/** Options of `verify()` and of `finicity-contract verify`. Credentials left out are read from the environment. */
export interface VerifyOptions {
  /** Base URL of the server under test, e.g. `http://127.0.0.1:4010` (no trailing path). */
  baseUrl: string;
  /** Header spelling: `au` sends `App-Key`, `us` sends `Finicity-App-Key`. Default `au`. */
  region?: Region;
  /** App key (default: `FINICITY_APP_KEY`). */
  appKey?: string;
  /** Ready-made access token (default: `FINICITY_APP_TOKEN`). Used instead of creating one. */
  appToken?: string;
  /** Partner ID for CreateToken (default: `FINICITY_PARTNER_ID`). */
  partnerId?: string;
  /** Partner secret for CreateToken (default: `FINICITY_PARTNER_SECRET`). Sent once, never altered. */
  partnerSecret?: string;
  /** Seed of the request generator; the report prints the one used, so a run can be repeated. */
  seed?: number;
  /** Generated requests per property (valid, invalid). Default 25. */
  runs?: number;
  /** Hard cap on requests sent, shrinking included. Default 200. */
  maxRequests?: number;
  /** Requests per second at most. Default 25. */
  rate?: number;
  /** Fail the run on `assumed` checks too (they only warn otherwise). */
  strict?: boolean;
  /** Allow a known production host (api.openbanking.mastercard.com.au, api.finicity.com). */
  allowProduction?: boolean;
  /** Per-request timeout in milliseconds. Default 10000. */
  timeoutMs?: number;
  /** The whole run's time limit in milliseconds: past it, the run stops and says so (exit code 2). Default 300000 (5 minutes). */
  maxDurationMs?: number;
  /** Fail the run (exit 1) when its coverage percentage (see the README) is below this, 0 to 100. */
  minCoverage?: number;
  /** Called with every secret as soon as it is known (the CreateToken token included), e.g. to register a CI mask. */
  onSecret?: (secret: string) => void;
  /** Environment to read credentials from. Default `process.env`. */
  env?: Record<string, string | undefined>;
}

/** The options after defaults, environment and validation. */
export interface ResolvedOptions {
  baseUrl: string;
  region: Region;
  appKey: string;
  credentials: { kind: "token"; appToken: string } | { kind: "partner"; partnerId: string; partnerSecret: string };
  seed: number;
  runs: number;
  maxRequests: number;
  rate: number;
  strict: boolean;
  timeoutMs: number;
  maxDurationMs: number;
  /** Stop once this many requests in a row got no answer. */
  maxUnanswered: number;
  /** Read at most this many bytes of any response body. */
  maxResponseBytes: number;
  minCoverage?: number;
}

/** Three requests in a row without an answer: one lost request is noise, three (30 s with the default timeout) is a server that stopped. */
export const MAX_UNANSWERED = 3;
/**
 * Bytes read of a response body at most: 16 MiB. The largest legitimate answer, a page of 1000 customers with
 * every field filled (255-character usernames, 64-character other fields), is about 1.2 MB, so this leaves a
 * margin of more than 13 times.
 */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Hosts that serve real customers' data. */
export const PRODUCTION_HOSTS: readonly string[] = ["api.openbanking.mastercard.com.au", "api.finicity.com"];

/**
 * True for a production host however it is spelled. The WHATWG URL parser already lower-cases the host and
 * maps international spellings to punycode (IDNA), as DNS and TLS will; what is left is the trailing dot of
 * a fully qualified name (`api.finicity.com.`), which reaches the same host.
 */
export function isProductionHost(hostname: string): boolean {
  const normalised = hostname.toLowerCase().replace(/\.+$/, "");
  return PRODUCTION_HOSTS.includes(normalised);
}

/** The text of a URL that did not parse, shown only when it cannot hold a `user:password@` part. */
const withoutUserinfo = (text: string) => (text.includes("@") ? "(not shown: it contains @, perhaps a password)" : text);

function coveragePercent(value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 100) {
    throw new UsageError(`minCoverage must be a number from 0 to 100, got ${String(value)}`);
  }
  return value;
}

function positiveInteger(name: string, value: number | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new UsageError(`${name} must be an integer from 1 to ${max}, got ${String(value)}`);
  }
  return value;
}

const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value === "" ? undefined : value);

/** Applies defaults and the environment, and refuses what would be unsafe or cannot work. Throws `UsageError`. */
export function resolveOptions(options: VerifyOptions): ResolvedOptions {
  const env = options.env ?? process.env;
  let url: URL;
  if (typeof options.baseUrl !== "string") throw new UsageError(`baseUrl must be a string, got ${typeof options.baseUrl}`);
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new UsageError(`baseUrl must be an absolute http(s) URL, got ${JSON.stringify(withoutUserinfo(options.baseUrl))}`);
  }
  if (url.username !== "" || url.password !== "") {
    throw new UsageError(
      "baseUrl must not carry a user name or password (user:password@host); pass credentials with --app-key and the other credential options",
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`baseUrl must use http or https, got ${url.protocol}`);
  }
  if (isProductionHost(url.hostname) && !options.allowProduction) {
    throw new UsageError(
      `baseUrl ${url.hostname} is a production host; pass --allow-production (allowProduction: true) to run the verifier against it`,
    );
  }
  const region = options.region ?? "au";
  if (region !== "au" && region !== "us") throw new UsageError(`region must be "au" or "us", got ${JSON.stringify(region)}`);

  const appKey = nonEmpty(options.appKey) ?? nonEmpty(env.FINICITY_APP_KEY);
  if (!appKey) throw new UsageError("appKey is required: pass --app-key or set FINICITY_APP_KEY");
  const appToken = nonEmpty(options.appToken) ?? nonEmpty(env.FINICITY_APP_TOKEN);
  const partnerId = nonEmpty(options.partnerId) ?? nonEmpty(env.FINICITY_PARTNER_ID);
  const partnerSecret = nonEmpty(options.partnerSecret) ?? nonEmpty(env.FINICITY_PARTNER_SECRET);
  let credentials: ResolvedOptions["credentials"];
  if (appToken) credentials = { kind: "token", appToken };
  else if (partnerId && partnerSecret) credentials = { kind: "partner", partnerId, partnerSecret };
  else {
    throw new UsageError(
      "credentials are required: an app token (--app-token or FINICITY_APP_TOKEN), or a partner ID and secret " +
        "(--partner-id/--partner-secret or FINICITY_PARTNER_ID/FINICITY_PARTNER_SECRET)",
    );
  }

  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  if (!Number.isInteger(seed)) throw new UsageError(`seed must be an integer, got ${String(seed)}`);
  const rate = options.rate ?? 25;
  if (typeof rate !== "number" || !Number.isFinite(rate) || rate <= 0) {
    throw new UsageError(`rate must be a positive number of requests per second, got ${String(rate)}`);
  }
  return {
    baseUrl: url.href.replace(/\/+$/, ""),
    region,
    appKey,
    credentials,
    seed,
    runs: positiveInteger("runs", options.runs, 25, 10_000),
    maxRequests: positiveInteger("maxRequests", options.maxRequests, 200, 100_000),
    rate,
    strict: options.strict ?? false,
    timeoutMs: positiveInteger("timeoutMs", options.timeoutMs, 10_000, 600_000),
    maxDurationMs: positiveInteger("maxDurationMs", options.maxDurationMs, 300_000, 24 * 3_600_000),
    maxUnanswered: MAX_UNANSWERED,
    maxResponseBytes: MAX_RESPONSE_BYTES,
    ...(options.minCoverage === undefined ? {} : { minCoverage: coveragePercent(options.minCoverage) }),
  };
}
