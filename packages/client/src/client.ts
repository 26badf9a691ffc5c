import type { Client } from "openapi-fetch";
import type { Customer, Customers, GetCustomersQuery, paths } from "@finicity-aggregation/types";
import { isTokenRejected, type TokenSource } from "./auth.js";
import { apiErrorFor } from "./error-for-status.js";
import { AuthenticationError, ConnectionError, FinicityError, PaginationError, ResponseValidationError, type ResponseValidationIssue, type ValidationIssue } from "./errors.js";
import { directRequest, type RequestInit, type RequestResult } from "./direct-request.js";
import { guardedFetch, MAX_RESPONSE_BYTES } from "./fetch-guard.js";
import { getCustomersQueryRules } from "./generated/query-rules.js";
import type * as LogLines from "./log-lines.js";
import { createLog, LOG_LEVELS, type Logger, type LogLevel } from "./logger.js";
import type * as Pagination from "./pagination.js";
import type * as Raw from "./raw.js";
import { lazyRawClient } from "./raw-client.js";
import { redactor } from "./redact.js";
import { REGIONS, type Region } from "./regions.js";
import { isRetryableStatus, retryDelayMs } from "./retry.js";
import { AttemptController, sleep } from "./timeouts.js";
import { AUTH, CUSTOMERS } from "./operation-paths.js";
import type { TokenStore } from "./token-store.js";
import { addIssue, assertValid, checkValue, issuesOf, type Rules } from "./validation.js";

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~\w-]+$/;
/** The largest page the API serves, and the page size iteration uses unless told otherwise. */
const MAX_PAGE_SIZE = 1000;
const CALL_RULES: Rules = {
  signal: { type: "object", signal: true },
  timeoutMs: { type: "integer", minimum: 1, maximum: 2_147_483_647 },
  maxRetries: { type: "integer", minimum: 0, maximum: 100 },
};
const PAGE_RULES: Rules = {
  ...CALL_RULES,
  pageSize: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE },
  maxItems: { type: "integer", minimum: 1 },
};
const OPTION_RULES: Rules = {
  ...CALL_RULES,
  region: { enum: Object.keys(REGIONS) },
  // `header`: sent as a header value (no CR, LF or NUL).
  appKey: { type: "string", header: true },
  appToken: { type: "string|function", header: true },
  fetch: { type: "function" },
  maxResponseBytes: { type: "integer", minimum: 1 },
  baseUrl: { type: "string" }, // and an http(s) URL: checkOptions
  headerNames: { type: "object" }, // each a header name: checkOptions
  partnerId: { type: "string" },
  partnerSecret: { type: "string" },
  validateResponses: { type: "boolean" },
  tokenStore: { type: "object" },
  logger: { type: "object" },
  logLevel: { enum: LOG_LEVELS },
};

export interface CustomersClientOptions {
  /** `au` (default) or `us`: picks the server and the header names. */
  region?: Region;
  /** Overrides the region's server (a mock, the sandbox, a proxy). Header names still follow `region`. */
  baseUrl?: string;
  /** Your app key. */
  appKey: string;
  /** A token, or a function that returns one (called before each attempt). */
  appToken?: string | (() => string | Promise<string>);
  /** Instead of `appToken`: the client makes and renews tokens itself. */
  partnerId?: string;
  partnerSecret?: string;
  /** Per attempt, in ms. Default 30000. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** Check every JSON answer against the spec; throws ResponseValidationError on a mismatch. Default false. */
  validateResponses?: boolean;
  /** Override the region's header names. */
  headerNames?: { appKey?: string; appToken?: string };
  /** A fetch implementation; default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** The largest body read, in bytes; a larger 2xx body ends in ResponseTooLargeError. Default 32 MiB. */
  maxResponseBytes?: number;
  /**
   * With partner credentials: where tokens are shared (a Keyv, a `Map`, your own `get`/`set`/`delete`, sync or
   * async). Default: an in-memory store shared by this process's clients that use the same credentials.
   */
  tokenStore?: TokenStore;
  /** Where log lines go: `console` (default), pino, or anything with `debug`/`info`/`warn`/`error`. */
  logger?: Logger;
  /** Default: the `FINICITY_LOG` environment variable, else `"warn"`. */
  logLevel?: LogLevel;
}

/** Per-call options. */
export interface RequestOptions {
  /** Aborting rejects the call with the signal's reason; an aborted call is never retried. */
  signal?: AbortSignal;
  /** Per attempt, in ms; overrides the client's. */
  timeoutMs?: number;
  /** Overrides the client's. */
  maxRetries?: number;
}

/** Options of `iterateCustomers` and `pages`. */
export interface PageOptions extends RequestOptions {
  /** Records per request, 1-1000. Default: the query's `limit`, else 1000. */
  pageSize?: number;
}
export interface IterateOptions extends PageOptions {
  /** Stop after this many customers. */
  maxItems?: number;
}

/** The data together with the raw `Response` (its body already read). */
export interface WithResponse<T> {
  data: T;
  response: Response;
}

export interface GetCustomers {
  /** `GET /aggregation/v1/customers`: one page of customers. */
  (query?: GetCustomersQuery, options?: RequestOptions): Promise<Customers>;
  /** Same call, also returning the raw `Response` (status, headers). */
  withResponse(query?: GetCustomersQuery, options?: RequestOptions): Promise<WithResponse<Customers>>;
}

export interface CustomersClient {
  readonly getCustomers: GetCustomers;
  /** Every matching customer, once each, across pages. */
  iterateCustomers(query?: GetCustomersQuery, options?: IterateOptions): AsyncIterable<Customer>;
  /** Each page of the walk, as the server sent it. */
  pages(query?: GetCustomersQuery, options?: PageOptions): AsyncIterable<Customers>;
  /** The underlying openapi-fetch client, for anything this layer does not cover. */
  readonly raw: Client<paths>;
}

type ValidateResponse = (operationId: "GetCustomers" | "CreateToken", status: number, body: unknown) => ResponseValidationIssue[];

/** One request of `send`: `directRequest`'s, or openapi-fetch's `request(method, path, init)` (same shape). */
type Request = (method: string, path: string, init: RequestInit) => Promise<RequestResult>;

export function createCustomersClient(options: CustomersClientOptions): CustomersClient {
  checkOptions(options);
  const region = REGIONS[options.region ?? "au"];
  const tokenHeader = options.headerNames?.appToken ?? region.appTokenHeader;
  const baseUrl = options.baseUrl ?? region.baseUrl;
  const { add: addSecret, redact, scrub } = redactor();
  [options.appKey, options.appToken, options.partnerSecret].map(addSecret);
  // Every line goes through `redact`.
  const log = createLog(options.logger, options.logLevel, (line) => redact(line) as string);

  const headers: Record<string, string> = { Accept: "application/json", [options.headerNames?.appKey ?? region.appKeyHeader]: options.appKey };
  if (typeof options.appToken === "string") headers[tokenHeader] = options.appToken;
  // The client's own calls go through `directRequest` (one fetch, no Request built first); `raw` calls through
  // openapi-fetch (the `./raw` entry, loaded on first use), whose fetch is guardedFetch: both refuse redirects
  // and cap body sizes. Once a middleware is added with `raw.use`, the client's calls go through openapi-fetch
  // too, so the middleware sees them. There the attempt's signal rides on the Request as `attemptSignal`
  // (openapi-fetch copies unknown init keys onto it) and is given to fetch by guardedFetch: a signal on the
  // Request itself would be followed twice.
  const maxResponseBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const userFetch = options.fetch ?? globalThis.fetch;
  const near = (bytes: number) => log.warn && logLines().then((lines) => log.warn!(lines.nearCapLine(bytes, maxResponseBytes)));
  const direct = directRequest(baseUrl.replace(/\/$/, ""), headers, userFetch, maxResponseBytes, near); // no trailing slash, as openapi-fetch
  let viaRaw = false;
  const raw = lazyRawClient(
    async () =>
      (await import("@finicity-aggregation/client/raw") as typeof Raw).createRawClient(
        baseUrl,
        headers,
        guardedFetch(userFetch, maxResponseBytes, near),
        // Calls made through `raw` get the current token too (this client's own calls already carry one).
        tokens && {
          async onRequest({ request, schemaPath }) {
            if (schemaPath !== AUTH && !request.headers.has(tokenHeader)) request.headers.set(tokenHeader, await tokens.get());
            return undefined;
          },
        },
      ),
    () => (viaRaw = true),
  );
  const request: Request = (method, path, init) => (viaRaw ? (raw.request as unknown as Request) : direct)(method, path, init);

  const tokens: TokenSource | undefined =
    typeof options.appToken === "function"
      ? { get: options.appToken, invalidate() {} } // the caller's function, called before each attempt
      : options.appToken === undefined
        ? sharedTokens()
        : undefined;
  /** Partner credentials: tokens shared through `tokenStore`, by the `./shared-tokens` entry (loaded on first use). */
  function sharedTokens(): TokenSource {
    let source: TokenSource | Promise<TokenSource> | undefined;
    const load = async () =>
      (source = (await import("@finicity-aggregation/client/shared-tokens")).sharedTokenSource(options, region, createToken, log, AuthenticationError));
    return {
      get: () => ("get" in (source ??= load()) ? source.get() : source.then((loaded) => loaded.get())),
      // Stryker disable next-line OptionalChaining: equivalent, invalidate is only called with a token that get() gave, so source is set
      invalidate: async (token) => (await source)?.invalidate(token),
    };
  }
  /** CreateToken with the partner credentials. */
  async function createToken() {
    const { data } = await send(false, { body: { partnerId: options.partnerId!, partnerSecret: options.partnerSecret! } });
    const { token } = data as { token: string }; // checked as a header value before use, like any token
    addSecret(token);
    return token;
  }

  // The headers with the last token seen, checked once per token (not once per call).
  let lastToken: string | undefined;
  let lastTokenHeaders: Record<string, string> | undefined;
  const tokenHeaders = (token: string) => {
    // Stryker disable next-line ConditionalExpression: equivalent for `true` (the same token checked again gives the same headers); `false` leaves no headers and is killed
    if (token !== lastToken) {
      addSecret(token); // every token the client receives (CreateToken, an appToken function, a token store)
      const issues: ValidationIssue[] = [];
      checkValue("appToken", token, OPTION_RULES.appToken!, issues); // a header value, like a static token
      assertValid(issues);
      lastTokenHeaders = { ...headers, [tokenHeader]: (lastToken = token) };
    }
    return lastTokenHeaders;
  };

  // The text of the log lines, loaded on the first line written (never when logging is off).
  let lines: typeof LogLines | undefined;
  const logLines = async () => (lines ??= await import("@finicity-aggregation/client/log-lines"));

  // The validators' module, loaded on first use (only with `validateResponses: true`).
  let validators: Promise<{ validateResponse: ValidateResponse }> | undefined;

  const host = new URL(baseUrl).host; // named by ConnectionError messages (never the URL's user:password)

  /** One operation with retries, timeouts and token renewal: GetCustomers (`isGet`) or CreateToken. */
  async function send(isGet: boolean, init: RequestInit, call?: RequestOptions): Promise<WithResponse<unknown>> {
    const signal = call?.signal;
    const maxRetries = call?.maxRetries ?? options.maxRetries ?? 2;
    let renewed = false;
    try {
      for (let attempt = 0; ; attempt++) {
        // A caller's abort while a token is on its way takes effect once it is here (the attempt then aborts at once).
        let token: string | undefined;
        if (isGet && tokens) init.headers = tokenHeaders((token = await tokens.get()));
        const started = log.debug && Date.now();
        const controller = new AttemptController(call?.timeoutMs ?? options.timeoutMs ?? 30_000, signal);
        init.attemptSignal = controller.signal;
        let result: Awaited<ReturnType<Request>> | undefined;
        let failure: unknown;
        try {
          result = await request(isGet ? "get" : "post", isGet ? CUSTOMERS : AUTH, init);
        } catch (caught) {
          failure = caught;
        }
        controller.done(signal);
        let error: unknown;
        let delay = -1; // before the next attempt; -1: none
        if (!result) {
          if (log.debug) log.debug((await logLines()).attemptLine(isGet, init, 0, attempt, maxRetries, started as number));
          if (signal?.aborted) throw signal.reason;
          // Not aborted by the caller: an aborted attempt timed out. A FinicityError from guardedFetch (a refused
          // redirect, a body over the cap) is final.
          const timedOut = controller.signal.aborted;
          if (!timedOut && failure instanceof FinicityError) throw failure;
          error = timedOut ? controller.signal.reason : connectionError(failure, host);
          delay = retryDelayMs(attempt);
        } else {
          const { response } = result;
          const { status, headers } = response;
          const body = result.data ?? result.error; // openapi-fetch sets one of them
          if (log.debug) log.debug((await logLines()).attemptLine(isGet, init, status, attempt, maxRetries, started as number, headers));
          // Any 2xx that was parsed (whatever its Content-Type says), and JSON error answers.
          if (options.validateResponses && (response.ok || /json/.test(headers.get("content-type") as string))) {
            const issues = (await (validators ??= import("@finicity-aggregation/client/validate"))).validateResponse(isGet ? "GetCustomers" : "CreateToken", status, body);
            if (issues.length > 0) throw new ResponseValidationError(issues, status, body, headers);
          }
          // An empty 2xx body falls through to a FinicityApiError: a caller never gets `undefined` as a page.
          if (response.ok && body !== undefined) return { data: body, response };
          if (token && status === 401 && !renewed && isTokenRejected(body)) {
            renewed = true;
            await tokens!.invalidate(token); // also from the token store, so every client renews
            attempt--;
            continue;
          }
          error = apiErrorFor(status, redact(body), headers); // redacted before the message quotes it
          if (isRetryableStatus(status, isGet)) delay = retryDelayMs(attempt, headers.get("retry-after"));
        }
        if (attempt >= maxRetries || delay < 0) {
          if (delay >= 0 && log.warn) log.warn((await logLines()).givingUpLine(isGet, init, attempt, error));
          throw error;
        }
        if (log.info) log.info((await logLines()).retryLine(isGet, init, delay, error));
        await sleep(delay, signal);
      }
    } catch (error) {
      throw scrub(error);
    }
  }

  const fetchPage = (query: GetCustomersQuery, call: RequestOptions | undefined) =>
    send(true, { params: { query } }, call) as Promise<WithResponse<Customers>>;
  const withResponse = async (query: GetCustomersQuery = {}, call?: RequestOptions) => {
    checkInput(query, call, CALL_RULES);
    return fetchPage(query, call);
  };
  const getCustomers: GetCustomers = Object.assign(
    (query?: GetCustomersQuery, call?: RequestOptions) => withResponse(query, call).then(dataOf),
    { withResponse },
  );

  /** `iterateCustomers` (records) or `pages`: checks the input at once, then walks lazily. */
  const walker =
    (yieldPages: boolean) =>
    (query: GetCustomersQuery = {}, options: IterateOptions = {}) => {
      checkInput(query, options, PAGE_RULES);
      // `send` reads only the per-call options (signal, timeoutMs, maxRetries) of `options`.
      const pageOf = (pageQuery: GetCustomersQuery) => fetchPage(pageQuery, options).then(dataOf);
      return walk(pageOf, query, options.pageSize ?? query.limit ?? MAX_PAGE_SIZE, options.maxItems ?? Infinity, yieldPages);
    };

  return { raw, getCustomers, iterateCustomers: walker(false), pages: walker(true) } as CustomersClient;
}

/** The page walk of the `./pagination` entry, loaded on the first walk (a walk is lazy: nothing runs before the first `next()`). */
let pagination: Promise<typeof Pagination> | undefined;
async function* walk(pageOf: Pagination.FetchPage, query: GetCustomersQuery, pageSize: number, maxItems: number, yieldPages: boolean) {
  yield* (await (pagination ??= import("@finicity-aggregation/client/pagination"))).walkPages(pageOf, query, pageSize, maxItems, yieldPages, PaginationError);
}

const dataOf = <T>(result: WithResponse<T>) => result.data;

/** `Request to HOST failed (CODE): ...`, with the first `code` down the cause chain (undici nests it: "fetch failed"). */
function connectionError(failure: unknown, host: string): ConnectionError {
  let code: unknown;
  for (let cause = failure as { code?: unknown; cause?: unknown } | undefined, depth = 0; cause && !code && depth < 9; depth++) {
    code = cause.code;
    cause = cause.cause as typeof cause;
  }
  return new ConnectionError(`Request to ${host} failed${code ? ` (${code})` : ""}: ${failure}`, { cause: failure });
}

/** Checks a query and its options (if given); throws a ValidationError listing every problem. */
function checkInput(query: object, options: object | undefined, rules: Rules): void {
  const issues = issuesOf(query, getCustomersQueryRules);
  // Stryker disable next-line ConditionalExpression: equivalent for `true`, issuesOf(undefined) finds no keys (`for...in` over undefined)
  if (options) issuesOf(options, rules, issues);
  assertValid(issues);
}

function checkOptions(options: CustomersClientOptions): void {
  const issues: ValidationIssue[] = [];
  if (options.appKey === undefined) addIssue(issues, "appKey", "required", "is required");
  issuesOf(options, OPTION_RULES, issues);
  if (options.appToken === undefined && (options.partnerId === undefined || options.partnerSecret === undefined)) {
    addIssue(issues, "appToken", "required", "is required, or partnerId and partnerSecret");
  }
  try {
    const url = new URL(options.baseUrl ?? "http:x");
    // Stryker disable next-line Regex: `/^https?:/` is equivalent (a URL's protocol ends at its only ":"); `/https?:$/` is killed by "xhttps:" (client-option-rules.test.ts)
    if (!/^https?:$/.test(url.protocol) || url.username || url.password) throw 0;
  } catch {
    addIssue(issues, "baseUrl", "url", "must be an http(s) URL without user:password");
  }
  for (const [field, name] of Object.entries(options.headerNames ?? {})) {
    if (!HEADER_NAME.test(name)) addIssue(issues, `headerNames.${field}`, "header-name", "must be a header name");
  }
  assertValid(issues);
}
