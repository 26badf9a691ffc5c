import type { FinicityApiError } from "./errors.js";
import { AUTH, CUSTOMERS } from "./operation-paths.js";

// The text of the client's own log lines (attempts, retries, giving up). Its own entry, the `./log-lines`
// subpath: loaded by `import()` the first time the client writes such a line, never when logging is off.

/** The query of a GetCustomers call, if any. */
export interface CallInit {
  params?: { query: object };
}

/** `GET /aggregation/v1/customers?start=1` or `POST /aggregation/v2/partners/authentication` (never a body). */
const describeCall = (isGet: boolean, init: CallInit, query = `${new URLSearchParams(init.params?.query as Record<string, string>)}`) =>
  isGet ? `GET ${CUSTOMERS}${query && "?"}${query}` : `POST ${AUTH}`;

/** Why an attempt failed, for a log line: the status or the error's class (never the server's text). */
const reasonOf = (error: unknown) => ((error as FinicityApiError).status ? `HTTP ${(error as FinicityApiError).status}` : (error as Error).name);

/** The debug line of one attempt. `status` 0: no answer. */
export const attemptLine = (isGet: boolean, init: CallInit, status: number, attempt: number, maxRetries: number, started: number, headers?: Headers) =>
  `${describeCall(isGet, init)} -> ${status || "no answer"}, attempt ${attempt + 1} of ${maxRetries + 1}, ${Date.now() - started} ms, request id ${headers?.get("x-request-id") ?? "none"}`;

/** The warn line of a call that failed after its last retry. */
export const givingUpLine = (isGet: boolean, init: CallInit, attempt: number, error: unknown) =>
  `${describeCall(isGet, init)}: giving up after ${attempt + 1} attempts (${reasonOf(error)})`;

/** The info line of a retry. */
export const retryLine = (isGet: boolean, init: CallInit, delay: number, error: unknown) =>
  `${describeCall(isGet, init)}: retrying in ${Math.round(delay)} ms (${reasonOf(error)})`;

/** The warn line of a 2xx body that only just fit `maxResponseBytes` (the next, larger page may not). */
export const nearCapLine = (bytes: number, maxResponseBytes: number) => `a response of ${bytes} bytes only just fit maxResponseBytes (${maxResponseBytes})`;
