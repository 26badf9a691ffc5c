import { SandboxInputError } from "./errors.js";
import type { ControlApiAccess } from "./control-routes.js";
import { validateFault, type FaultConfig } from "./faults.js";

export const DEFAULT_SEED = "finicity";
export const DEFAULT_CUSTOMERS = 200;
/** 90 minutes: the life of an Australian token. */
export const DEFAULT_TOKEN_TTL_MS = 90 * 60 * 1000;
/** How many requests `SandboxControl.requests` keeps by default (the most recent ones). */
export const DEFAULT_MAX_RECORDED_REQUESTS = 1000;

export interface SandboxCredentials {
  /** The only app key accepted (in `App-Key` or `Finicity-App-Key`); default `DEMO_CREDENTIALS.appKey`. */
  appKey?: string;
  /** The only partner ID the authentication call accepts; default `DEMO_CREDENTIALS.partnerId`. */
  partnerId?: string;
  /** The only partner secret the authentication call accepts; default `DEMO_CREDENTIALS.partnerSecret`. */
  partnerSecret?: string;
}

/**
 * The credentials a sandbox accepts when none are configured (the quick start uses them). Anything else is
 * refused as the real API refuses it: another app key with the gateway's text/plain 401, another partner ID or
 * secret with 401 `24302`.
 */
export const DEMO_CREDENTIALS: Readonly<Required<SandboxCredentials>> = Object.freeze({
  appKey: "demo-app-key",
  partnerId: "demo-partner",
  partnerSecret: "demo-secret",
});

export interface SandboxOptions {
  /** Seed of the customer set; the same seed gives the same customers. Default `"finicity"`. */
  seed?: string | number;
  /** How many customers to generate; default 200. */
  customers?: number;
  /**
   * The credentials the sandbox knows; each one not given is its `DEMO_CREDENTIALS` value. Every other app key,
   * partner ID or secret is refused, as the real API does.
   */
  credentials?: SandboxCredentials;
  /**
   * Accept any non-empty app key, partner ID and partner secret, except those set in `credentials` (which stay
   * required). Default `false`: only the known credentials work.
   */
  acceptAnyCredentials?: boolean;
  /** Token lifetime in ms; default 90 minutes (Australia). */
  tokenTtlMs?: number;
  /** Faults applied by configuration. */
  faults?: FaultConfig;
  /** The clock (ms since the epoch) used for token expiry; default `Date.now`. Inject one to test expiry without waiting. */
  now?: () => number;
  /**
   * How many requests `requests` keeps: the most recent ones, older ones are forgotten. Default 1000, so a
   * long-running sandbox under load does not grow without bound. `0` records nothing; `Infinity` keeps all.
   */
  maxRecordedRequests?: number;
  /**
   * The HTTP control API under `/__sandbox/`: `true` serves it to anyone who can reach the sandbox, `{ token }`
   * only with `Authorization: Bearer TOKEN`; default `false` (off). `startMock` sets it from `host` and `controlToken`.
   */
  controlApi?: ControlApiAccess;
}

export interface Settings {
  seed: string | number;
  customers: number;
  /** What is checked; a field left undefined accepts any non-empty value (only with `acceptAnyCredentials`). */
  credentials: SandboxCredentials;
  tokenTtlMs: number;
  faults: FaultConfig;
  now: () => number;
  maxRecordedRequests: number;
}

/** Checks the options and applies the defaults; throws SandboxInputError naming the option. */
export function validateOptions(options: SandboxOptions): Settings {
  const {
    seed = DEFAULT_SEED,
    customers = DEFAULT_CUSTOMERS,
    credentials = {},
    acceptAnyCredentials = false,
    tokenTtlMs = DEFAULT_TOKEN_TTL_MS,
    faults = {},
    now = Date.now,
    maxRecordedRequests = DEFAULT_MAX_RECORDED_REQUESTS,
  } = options;
  // Stryker disable next-line ConditionalExpression: equivalent, Number.isFinite is false for any non-number (stryker-equivalent.md)
  if (typeof seed !== "string" && !(typeof seed === "number" && Number.isFinite(seed))) {
    throw new SandboxInputError("seed", "must be a string or a finite number");
  }
  if (!Number.isInteger(customers) || customers < 0 || customers > 100_000) {
    throw new SandboxInputError("customers", "must be a whole number from 0 to 100000");
  }
  if (typeof credentials !== "object" || credentials === null) throw new SandboxInputError("credentials", "must be an object");
  for (const name of ["appKey", "partnerId", "partnerSecret"] as const) {
    const value = credentials[name];
    if (value !== undefined && (typeof value !== "string" || value === "")) {
      throw new SandboxInputError(`credentials.${name}`, "must be a non-empty string when given");
    }
  }
  if (typeof acceptAnyCredentials !== "boolean") throw new SandboxInputError("acceptAnyCredentials", "must be true or false");
  const known: SandboxCredentials = acceptAnyCredentials ? { ...credentials } : { ...DEMO_CREDENTIALS, ...definedOnly(credentials) };
  // Stryker disable next-line ConditionalExpression: equivalent, as for seed: Number.isFinite is false for any non-number
  if (!(typeof tokenTtlMs === "number" && tokenTtlMs > 0 && Number.isFinite(tokenTtlMs))) {
    throw new SandboxInputError("tokenTtlMs", "must be a positive number of milliseconds");
  }
  if (typeof now !== "function") throw new SandboxInputError("now", "must be a function returning milliseconds");
  // Stryker disable next-line ConditionalExpression: equivalent, Number.isInteger is false and Infinity is a number, for any non-number
  if (!(typeof maxRecordedRequests === "number" && (Number.isInteger(maxRecordedRequests) || maxRecordedRequests === Infinity) && maxRecordedRequests >= 0)) {
    throw new SandboxInputError("maxRecordedRequests", "must be a whole number, 0 or more, or Infinity");
  }
  if (faults.always) validateFault(faults.always, "faults.always");
  if (faults.first) {
    if (!Number.isInteger(faults.first.count) || faults.first.count < 0) {
      throw new SandboxInputError("faults.first.count", "must be a whole number, 0 or more");
    }
    validateFault(faults.first.fault, "faults.first.fault");
  }
  return { seed, customers, credentials: known, tokenTtlMs, faults, now, maxRecordedRequests };
}

function definedOnly(credentials: SandboxCredentials): SandboxCredentials {
  return Object.fromEntries(Object.entries(credentials).filter(([, value]) => value !== undefined)) as SandboxCredentials;
}
