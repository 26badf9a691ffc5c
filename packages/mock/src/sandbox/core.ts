import type { Customer } from "@finicity-aggregation/types";
import { CustomerStore } from "./customer-store.js";
import { generateCustomers, validateCustomer, type CustomerFactory } from "./customers.js";
import { ConnectionDroppedError, SandboxInputError } from "./errors.js";
import { FAULT_HEADER, formatFault, isEmptyFault, parseFaultHeader, validateFault, type Fault } from "./faults.js";
import { validateOptions, type SandboxOptions } from "./options.js";
import { parseCustomerQuery } from "./query.js";
import { errorAnswer, gatewayErrorAnswer, jsonAnswer, jsonTextAnswer, textAnswer, type SandboxAnswer } from "./responses.js";
import { TokenStore } from "./tokens.js";
import { CONTROL_PREFIX, serveControl, validateControlAccess } from "./control-routes.js";
import { UsageRecorder, type UsageProfile } from "./usage.js";
import { isSecretName, REDACTED } from "../redaction.js";

export const CUSTOMERS_PATH = "/aggregation/v1/customers";
export const AUTHENTICATION_PATH = "/aggregation/v2/partners/authentication";

/** Request headers by lower-case name, as node:http gives them (an array only for a repeated `set-cookie`). */
export type PlainHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * One request in the small plain shape the sandbox core works on. The node:http server and the web
 * `Request` adapter (createSandbox, createSandboxFetch) each turn theirs into this.
 */
export interface SandboxRequest {
  method: string;
  /** Path without the query, e.g. `/aggregation/v1/customers`. */
  path: string;
  query: URLSearchParams;
  headers: PlainHeaders;
  /** The body as text (read once, when the route needs it). */
  body(): Promise<string>;
}

/** One request the sandbox received. Secrets in headers are masked. */
export interface RecordedRequest {
  method: string;
  /** Path without the query, e.g. `/aggregation/v1/customers`. */
  path: string;
  /** Query parameters (the first value of each name), decoded. */
  query: Record<string, string>;
  /**
   * Request headers, lower-case names. Every header whose name suggests a credential is masked as `[redacted]`:
   * authorization, proxy-authorization, cookie, and any name containing key, token, secret or password.
   */
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
  /**
   * The requests received since start or the last reset, oldest first: the most recent `maxRecordedRequests`
   * (default 1000) of them.
   */
  readonly requests: readonly RecordedRequest[];
  /** Applies `fault` to each of the next `n` requests (after any already queued). */
  failNext(n: number, fault: Fault): void;
  /** A valid token, without an HTTP call. */
  issueToken(): string;
  /** The current customers, in the sandbox's order (createdDate, then id). */
  customers(): readonly Customer[];
  /** The usage profile: the shapes of the calls served since start (kept across `reset()`). */
  usage(): UsageProfile;
  /**
   * How many issued tokens the sandbox remembers: the valid ones and those expired less than one lifetime ago
   * (still answered 10023). Older ones are pruned (then answered 10022), so the count stays bounded.
   */
  readonly tokenCount: number;
}

/** The sandbox on plain requests: what the server and createSandbox share. */
export interface SandboxCore {
  /**
   * Answers one request as the real API would: at once when nothing needs waiting for, else a promise.
   * Rejects with ConnectionDroppedError for a `drop` fault, and with the signal's reason when `signal()`
   * aborts during a `latency` fault (`signal` is only asked for then).
   */
  serve(request: SandboxRequest, signal?: () => AbortSignal): SandboxAnswer | Promise<SandboxAnswer>;
  control: SandboxControl;
}

/** A request as logged: kept as received, masked and copied into a `RecordedRequest` only when `requests` is read. */
interface LogEntry {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: PlainHeaders;
  status: number;
  fault?: string;
}


export function createSandboxCore(options: SandboxOptions = {}): SandboxCore {
  const settings = validateOptions(options);
  const maxRecords = settings.maxRecordedRequests;
  const tokens = new TokenStore(settings.tokenTtlMs, settings.now);
  const store = new CustomerStore([]);
  let factory: CustomerFactory;
  // Stryker disable next-line ArrayDeclaration: reset() below replaces it before any request; see stryker-equivalent.md
  let records: LogEntry[] = [];
  // Stryker disable next-line ArrayDeclaration: reset() below replaces it before any request; see stryker-equivalent.md
  let queued: Fault[] = [];
  const controlAccess = validateControlAccess(options.controlApi);
  const usage = new UsageRecorder();
  // Stryker disable next-line ConditionalExpression: an empty `always` fault and none are served alike (the request is routed, nothing logged); see stryker-equivalent.md
  const always = settings.faults.always && !isEmptyFault(settings.faults.always) ? settings.faults.always : undefined;

  const reset = () => {
    const generated = generateCustomers(settings.seed, settings.customers);
    store.replace(generated.customers);
    factory = generated.factory;
    records = [];
    queued = [];
    if (settings.faults.first) queueFault(settings.faults.first.count, settings.faults.first.fault);
  };
  const queueFault = (n: number, fault: Fault) => {
    for (let i = 0; i < n; i++) queued.push(fault);
  };
  const record = (entry: LogEntry) => {
    if (maxRecords === 0) return;
    records.push(entry);
    // Forget the oldest in batches, so a request costs O(1) on average.
    if (records.length - maxRecords > Math.max(maxRecords, 64)) records.splice(0, records.length - maxRecords);
  };
  reset();

  const control: SandboxControl = {
    addCustomer(partial = {}) {
      if (typeof partial !== "object" || partial === null) throw new SandboxInputError("customer", "must be an object");
      const customer: Customer = { ...factory.next(store.usernames), ...partial };
      validateCustomer(customer, store);
      store.add(customer);
      factory.observe(customer);
      return { ...customer };
    },
    removeCustomer: (id) => store.remove(id),
    reset,
    get requests() {
      // Stryker disable next-line ConditionalExpression,EqualityOperator: slicing at length - maxRecords <= 0 keeps the whole log anyway; see stryker-equivalent.md
      return (records.length > maxRecords ? records.slice(records.length - maxRecords) : records).map(toRecordedRequest);
    },
    failNext(n, fault) {
      if (!Number.isInteger(n) || n < 0) throw new SandboxInputError("failNext n", "must be a whole number, 0 or more");
      queueFault(n, validateFault(fault, "failNext fault"));
    },
    issueToken: () => tokens.issue(),
    customers: () => store.list().map((customer) => ({ ...customer })),
    usage: () => usage.profile(),
    get tokenCount() {
      return tokens.size;
    },
  };

  /** The HTTP control API when it is on; else the API itself, with each answer noted in the usage profile. */
  function serve(request: SandboxRequest, signal?: () => AbortSignal): SandboxAnswer | Promise<SandboxAnswer> {
    if (controlAccess !== false && request.path.startsWith(CONTROL_PREFIX)) return serveControl(request, control, controlAccess);
    const answer = serveApi(request, signal);
    return answer instanceof Promise ? answer.then((settled) => usage.observe(request, settled)) : usage.observe(request, answer);
  }

  function serveApi(request: SandboxRequest, signal?: () => AbortSignal): SandboxAnswer | Promise<SandboxAnswer> {
    const entry: LogEntry = { method: request.method, path: request.path, query: request.query, headers: request.headers, status: 0 };
    record(entry);

    let fault: Fault | undefined = always;
    const next = queued.shift();
    // Stryker disable next-line ConditionalExpression: `{ ...undefined }` is the empty fault, served as no fault; see stryker-equivalent.md
    if (next) fault = { ...fault, ...next };
    const header = headerValue(request.headers, FAULT_HEADER);
    if (settings.faults.header !== false && header !== undefined) {
      try {
        fault = { ...fault, ...parseFaultHeader(header) };
      } catch (error) {
        return logged(entry, errorAnswer(400, "14020", (error as Error).message));
      }
    }
    if (fault === undefined || isEmptyFault(fault)) {
      const answer = route(request);
      return answer instanceof Promise ? answer.then((settled) => logged(entry, settled)) : logged(entry, answer);
    }
    entry.fault = formatFault(fault);
    return serveWithFault(request, entry, fault, signal);
  }

  async function serveWithFault(request: SandboxRequest, entry: LogEntry, fault: Fault, signal?: () => AbortSignal): Promise<SandboxAnswer> {
    if (fault.latencyMs) await sleep(fault.latencyMs, signal?.());
    if (fault.drop) throw new ConnectionDroppedError();

    let answer: SandboxAnswer;
    if (fault.status !== undefined) {
      answer = gatewayErrorAnswer(fault.status, fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) });
    } else {
      answer = await route(request);
    }
    if (fault.contentType !== undefined) answer.headers["content-type"] = fault.contentType;
    if (fault.truncate) answer.truncate = true;
    return logged(entry, answer);
  }

  function route(request: SandboxRequest): SandboxAnswer | Promise<SandboxAnswer> {
    const method = request.method.toUpperCase();
    if (request.path === CUSTOMERS_PATH) {
      // HEAD is answered as GET is (the server sends the headers only), as HTTP expects wherever GET works.
      if (method !== "GET" && method !== "HEAD") return methodNotAllowed("GET, HEAD");
      const denied = checkAppKey(request) ?? checkToken(request);
      if (denied) return denied;
      const parsed = parseCustomerQuery(request.query);
      if ("error" in parsed) return errorAnswer(400, parsed.error.code, parsed.error.message);
      return jsonTextAnswer(200, store.pageJson(parsed.query));
    }
    if (request.path === AUTHENTICATION_PATH) {
      if (method !== "POST") return methodNotAllowed("POST");
      return createToken(request);
    }
    return errorAnswer(404, "404", `No such path: ${request.path}`);
  }

  function checkAppKey(request: SandboxRequest): SandboxAnswer | undefined {
    const appKey = headerValue(request.headers, "app-key") || headerValue(request.headers, "finicity-app-key");
    if (!appKey) return errorAnswer(401, "10026", "App key is missing");
    // The gateway's own plain-text rejection, as documented for a wrong app key.
    if (settings.credentials.appKey !== undefined && appKey !== settings.credentials.appKey) {
      return textAnswer(401, "Invalid (Finicity-App-Key)");
    }
    return undefined;
  }

  function checkToken(request: SandboxRequest): SandboxAnswer | undefined {
    const token = headerValue(request.headers, "finicity-app-token");
    if (!token) return errorAnswer(401, "10024", "Token is missing");
    const state = tokens.check(token);
    if (state === "unknown") return errorAnswer(401, "10022", "Invalid token");
    if (state === "expired") return errorAnswer(401, "10023", "Token has expired");
    return undefined;
  }

  async function createToken(request: SandboxRequest): Promise<SandboxAnswer> {
    const denied = checkAppKey(request);
    if (denied) return denied;
    let body: unknown;
    try {
      body = JSON.parse(await request.body());
    } catch {
      return errorAnswer(400, "14020", "The request body must be JSON: {\"partnerId\": ..., \"partnerSecret\": ...}");
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return errorAnswer(400, "14020", "The request body must be a JSON object");
    }
    const { partnerId, partnerSecret } = body as Record<string, unknown>;
    for (const [name, value] of [["partnerId", partnerId], ["partnerSecret", partnerSecret]] as const) {
      if (typeof value !== "string" || value === "") return errorAnswer(400, "10005", `${name} is required (a non-empty string)`);
    }
    const { credentials } = settings;
    if (
      (credentials.partnerId !== undefined && partnerId !== credentials.partnerId) ||
      (credentials.partnerSecret !== undefined && partnerSecret !== credentials.partnerSecret)
    ) {
      return errorAnswer(401, "24302", "Invalid credentials");
    }
    return jsonAnswer(200, { token: tokens.issue() });
  }

  return { serve, control };
}

function logged(entry: LogEntry, answer: SandboxAnswer): SandboxAnswer {
  entry.status = answer.status;
  return answer;
}

function methodNotAllowed(allow: string): SandboxAnswer {
  return errorAnswer(405, "405", `Method not allowed; use ${allow}`, { allow });
}

/** A header's value; repeated values joined with ", " (as `Headers.get` does). */
export function headerValue(headers: PlainHeaders, name: string): string | undefined {
  const value = headers[name];
  return value === undefined || typeof value === "string" ? value : value.join(", ");
}

function toRecordedRequest(entry: LogEntry): RecordedRequest {
  const recorded: RecordedRequest = {
    method: entry.method,
    path: entry.path,
    query: firstValues(entry.query),
    headers: maskHeaders(entry.headers),
    status: entry.status,
  };
  if (entry.fault !== undefined) recorded.fault = entry.fault;
  return recorded;
}

function maskHeaders(headers: PlainHeaders): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const value = headerValue(headers, name);
    if (value !== undefined) masked[name] = isSecretName(name) ? REDACTED : value;
  }
  return masked;
}

/** Each name's first value, in order of first appearance. */
function firstValues(params: URLSearchParams): Record<string, string> {
  // Stryker disable next-line StringLiteral: `get` of a name from `keys()` is never null; see stryker-equivalent.md
  return Object.fromEntries(Array.from(params.keys(), (name) => [name, params.get(name) ?? ""]));
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal === undefined) {
      setTimeout(resolve, ms);
      return;
    }
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
