import type { Customer } from "@finicity-aggregation/types";
import { generateCustomers, validateCustomer, type CustomerFactory } from "./customers.js";
import { SandboxInputError } from "./errors.js";
import { FAULT_HEADER, formatFault, isEmptyFault, parseFaultHeader, validateFault, type Fault, type FaultConfig } from "./faults.js";
import { parseCustomerQuery, runCustomerQuery, compareCustomers } from "./query.js";
import { errorResponse, gatewayErrorResponse, jsonResponse, textResponse } from "./responses.js";
import { TokenStore } from "./tokens.js";

export const CUSTOMERS_PATH = "/aggregation/v1/customers";
export const AUTHENTICATION_PATH = "/aggregation/v2/partners/authentication";
export const DEFAULT_SEED = "finicity";
export const DEFAULT_CUSTOMERS = 200;
/** 90 minutes: the life of an Australian token. */
export const DEFAULT_TOKEN_TTL_MS = 90 * 60 * 1000;

export interface SandboxCredentials {
  /** When set, only this app key is accepted (in `App-Key` or `Finicity-App-Key`). */
  appKey?: string;
  /** When set, only this partner ID is accepted by the authentication call. */
  partnerId?: string;
  /** When set, only this partner secret is accepted by the authentication call. */
  partnerSecret?: string;
}

export interface SandboxOptions {
  /** Seed of the customer set; the same seed gives the same customers. Default `"finicity"`. */
  seed?: string | number;
  /** How many customers to generate; default 200. */
  customers?: number;
  /** Require these credentials; by default any non-empty app key, partner ID and secret are accepted. */
  credentials?: SandboxCredentials;
  /** Token lifetime in ms; default 90 minutes (Australia). */
  tokenTtlMs?: number;
  /** Faults applied by configuration. */
  faults?: FaultConfig;
  /** The clock (ms since the epoch) used for token expiry; default `Date.now`. Inject one to test expiry without waiting. */
  now?: () => number;
}

/** One request the sandbox received. Secrets in headers are masked. */
export interface RecordedRequest {
  method: string;
  /** Path without the query, e.g. `/aggregation/v1/customers`. */
  path: string;
  /** Query parameters (the first value of each name), decoded. */
  query: Record<string, string>;
  /** Request headers, lower-case names; `App-Key`, `Finicity-App-Key`, `Finicity-App-Token` and `Authorization` are masked. */
  headers: Record<string, string>;
  /** Status sent; 0 when the connection was dropped. */
  status: number;
  /** The fault applied, in the `X-Mock-Fault` grammar, when there was one. */
  fault?: string;
}

/** Drive the sandbox from a test. */
export interface SandboxControl {
  /** Adds a customer; unspecified fields are generated. It gets the next id and a createdDate after every other, so it sorts last. */
  addCustomer(partial?: Partial<Customer>): Customer;
  /** Removes a customer by id; `false` when there is none. */
  removeCustomer(id: string): boolean;
  /** Restores the seeded customers, clears the request log and queued faults (`faults.first` is queued again). Tokens stay valid. */
  reset(): void;
  /** Every request received since start or the last reset, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Applies `fault` to each of the next `n` requests (after any already queued). */
  failNext(n: number, fault: Fault): void;
  /** A valid token, without an HTTP call. */
  issueToken(): string;
  /** The current customers, in the sandbox's order (createdDate, then id). */
  customers(): readonly Customer[];
}

export interface Sandbox {
  /** Answers one request, as the real API would. Rejects with ConnectionDroppedError for a `drop` fault. */
  handle(request: Request): Promise<Response>;
  control: SandboxControl;
}

/** `handle` rejects with this when a `drop` fault says the connection must close without an answer. */
export class ConnectionDroppedError extends Error {
  override readonly name = "ConnectionDroppedError";
  constructor() {
    super("The sandbox dropped the connection (drop fault)");
  }
}

const SECRET_HEADERS = new Set(["app-key", "finicity-app-key", "finicity-app-token", "app-token", "authorization", "cookie"]);

/** The sandbox core: web Request in, web Response out. The server and createSandboxFetch both run on it. */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const settings = validateOptions(options);
  const tokens = new TokenStore(settings.tokenTtlMs, settings.now);
  let customers: Customer[] = [];
  let factory: CustomerFactory;
  let records: RecordedRequest[] = [];
  let queued: Fault[] = [];

  const reset = () => {
    const generated = generateCustomers(settings.seed, settings.customers);
    customers = generated.customers;
    factory = generated.factory;
    records = [];
    queued = [];
    if (settings.faults.first) queueFault(settings.faults.first.count, settings.faults.first.fault);
  };
  const queueFault = (n: number, fault: Fault) => {
    for (let i = 0; i < n; i++) queued.push(fault);
  };
  reset();

  const control: SandboxControl = {
    addCustomer(partial = {}) {
      if (typeof partial !== "object" || partial === null) throw new SandboxInputError("customer", "must be an object");
      const customer: Customer = { ...factory.next(new Set(customers.map((c) => c.username))), ...partial };
      validateCustomer(customer, customers);
      customers.push(customer);
      factory.observe(customer);
      return { ...customer };
    },
    removeCustomer(id) {
      const index = customers.findIndex((customer) => customer.id === id);
      if (index === -1) return false;
      customers.splice(index, 1);
      return true;
    },
    reset,
    get requests() {
      return records.slice();
    },
    failNext(n, fault) {
      if (!Number.isInteger(n) || n < 0) throw new SandboxInputError("failNext n", "must be a whole number, 0 or more");
      queueFault(n, validateFault(fault, "failNext fault"));
    },
    issueToken: () => tokens.issue(),
    customers: () => customers.slice().sort(compareCustomers).map((customer) => ({ ...customer })),
  };

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const record: RecordedRequest = {
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries([...url.searchParams.keys()].map((name) => [name, url.searchParams.get(name) ?? ""])),
      headers: maskHeaders(request.headers),
      status: 0,
    };
    records.push(record);

    let fault: Fault = { ...settings.faults.always };
    const next = queued.shift();
    if (next) fault = { ...fault, ...next };
    const header = request.headers.get(FAULT_HEADER);
    if (settings.faults.header !== false && header !== null) {
      try {
        fault = { ...fault, ...parseFaultHeader(header) };
      } catch (error) {
        const response = errorResponse(400, "14020", (error as Error).message);
        record.status = response.status;
        return response;
      }
    }
    if (!isEmptyFault(fault)) record.fault = formatFault(fault);

    if (fault.latencyMs) await sleep(fault.latencyMs, request.signal);
    if (fault.drop) throw new ConnectionDroppedError();

    let response: Response;
    if (fault.status !== undefined) {
      response = gatewayErrorResponse(fault.status, fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) });
    } else {
      response = await route(request, url);
    }
    if (fault.contentType !== undefined) response.headers.set("content-type", fault.contentType);
    if (fault.truncate) response = await truncate(response);
    record.status = response.status;
    return response;
  }

  async function route(request: Request, url: URL): Promise<Response> {
    const method = request.method.toUpperCase();
    if (url.pathname === CUSTOMERS_PATH) {
      if (method !== "GET") return methodNotAllowed("GET");
      const denied = checkAppKey(request) ?? checkToken(request);
      if (denied) return denied;
      const parsed = parseCustomerQuery(url.searchParams);
      if ("error" in parsed) return errorResponse(400, parsed.error.code, parsed.error.message);
      return jsonResponse(200, runCustomerQuery(customers, parsed.query));
    }
    if (url.pathname === AUTHENTICATION_PATH) {
      if (method !== "POST") return methodNotAllowed("POST");
      return (await createToken(request)) ;
    }
    return errorResponse(404, "404", `No such path: ${url.pathname}`);
  }

  function checkAppKey(request: Request): Response | undefined {
    const appKey = request.headers.get("app-key") || request.headers.get("finicity-app-key");
    if (!appKey) return errorResponse(401, "10026", "App key is missing");
    // The gateway's own plain-text rejection, as documented for a wrong app key.
    if (settings.credentials.appKey !== undefined && appKey !== settings.credentials.appKey) {
      return textResponse(401, "Invalid (Finicity-App-Key)");
    }
    return undefined;
  }

  function checkToken(request: Request): Response | undefined {
    const token = request.headers.get("finicity-app-token");
    if (!token) return errorResponse(401, "10024", "Token is missing");
    const state = tokens.check(token);
    if (state === "unknown") return errorResponse(401, "10022", "Invalid token");
    if (state === "expired") return errorResponse(401, "10023", "Token has expired");
    return undefined;
  }

  async function createToken(request: Request): Promise<Response> {
    const denied = checkAppKey(request);
    if (denied) return denied;
    let body: unknown;
    try {
      body = JSON.parse(await request.text());
    } catch {
      return errorResponse(400, "14020", "The request body must be JSON: {\"partnerId\": ..., \"partnerSecret\": ...}");
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return errorResponse(400, "14020", "The request body must be a JSON object");
    }
    const { partnerId, partnerSecret } = body as Record<string, unknown>;
    for (const [name, value] of [["partnerId", partnerId], ["partnerSecret", partnerSecret]] as const) {
      if (typeof value !== "string" || value === "") return errorResponse(400, "10005", `${name} is required (a non-empty string)`);
    }
    const { credentials } = settings;
    if (
      (credentials.partnerId !== undefined && partnerId !== credentials.partnerId) ||
      (credentials.partnerSecret !== undefined && partnerSecret !== credentials.partnerSecret)
    ) {
      return errorResponse(401, "24302", "Invalid credentials");
    }
    return jsonResponse(200, { token: tokens.issue() });
  }

  return { handle, control };
}

function methodNotAllowed(allow: string): Response {
  return errorResponse(405, "405", `Method not allowed; use ${allow}`, { allow });
}

function maskHeaders(headers: Headers): Record<string, string> {
  const masked: Record<string, string> = {};
  headers.forEach((value, name) => {
    masked[name] = SECRET_HEADERS.has(name) ? "[redacted]" : value;
  });
  return masked;
}

const truncatedResponses = new WeakSet<Response>();

/** Whether `response` carries a truncate fault (its body stream fails part-way). */
export function isTruncated(response: Response): boolean {
  return truncatedResponses.has(response);
}

/** Sends the headers, then half the body, then fails the stream. */
async function truncate(response: Response): Promise<Response> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const half = bytes.slice(0, Math.floor(bytes.length / 2));
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  let sent = false;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (!sent && half.length > 0) {
          sent = true;
          controller.enqueue(half);
        } else {
          controller.error(new TypeError("terminated", { cause: new Error("The sandbox cut the body short (truncate fault)") }));
        }
      },
    },
    { highWaterMark: 0 },
  );
  const truncated = new Response(body, { status: response.status, headers });
  truncatedResponses.add(truncated);
  return truncated;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

interface Settings {
  seed: string | number;
  customers: number;
  credentials: SandboxCredentials;
  tokenTtlMs: number;
  faults: FaultConfig;
  now: () => number;
}

function validateOptions(options: SandboxOptions): Settings {
  const { seed = DEFAULT_SEED, customers = DEFAULT_CUSTOMERS, credentials = {}, tokenTtlMs = DEFAULT_TOKEN_TTL_MS, faults = {}, now = Date.now } = options;
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
  if (!(typeof tokenTtlMs === "number" && tokenTtlMs > 0 && Number.isFinite(tokenTtlMs))) {
    throw new SandboxInputError("tokenTtlMs", "must be a positive number of milliseconds");
  }
  if (typeof now !== "function") throw new SandboxInputError("now", "must be a function returning milliseconds");
  if (faults.always) validateFault(faults.always, "faults.always");
  if (faults.first) {
    if (!Number.isInteger(faults.first.count) || faults.first.count < 0) {
      throw new SandboxInputError("faults.first.count", "must be a whole number, 0 or more");
    }
    validateFault(faults.first.fault, "faults.first.fault");
  }
  return { seed, customers, credentials, tokenTtlMs, faults, now };
}
