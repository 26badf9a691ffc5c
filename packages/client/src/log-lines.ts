import type { FinicityApiError } from "./errors.js";
import { AUTH, CUSTOMERS } from "./operation-paths.js";

// The text of the client's own log lines (attempts, retries, giving up). Its own entry, the `./log-lines`
// subpath: loaded by `import()` the first time the client writes such a line, never when logging is off.

/** The query of a GetCustomers call, if any. */
export interface CallInit {
  params?: { query: object };
}

/** `GET /aggregation/v1/customers?start=1` or `POST /aggregation/v2/partners/authentication` (never a body). */
function describeCall(isGet: boolean, init: CallInit, query = `${new URLSearchParams(init.params?.query as Record<string, string>)}`) {
  return isGet ? `GET ${CUSTOMERS}${query && "?"}${query}` : `POST ${AUTH}`;
}

/** Why an attempt failed, for a log line: the status or the error's class (never the server's text). */
function reasonOf(error: unknown) {
  return (error as FinicityApiError).status ? `HTTP ${(error as FinicityApiError).status}` : (error as Error).name;
}

/** The debug line of one attempt. `status` 0: no answer. */
export function attemptLine(isGet: boolean, init: CallInit, status: number, attempt: number, maxRetries: number, started: number, headers?: Headers) {
  return `${describeCall(isGet, init)} -> ${status || "no answer"}, attempt ${attempt + 1} of ${maxRetries + 1}, ${Date.now() - started} ms, request id ${headers?.get("x-request-id") ?? "none"}`;
}

/** The warn line of a call that failed after its last retry. */
export function givingUpLine(isGet: boolean, init: CallInit, attempt: number, error: unknown) {
  return `${describeCall(isGet, init)}: giving up after ${attempt + 1} attempts (${reasonOf(error)})`;
}

/** The info line of a retry. */
export function retryLine(isGet: boolean, init: CallInit, delay: number, error: unknown) {
  return `${describeCall(isGet, init)}: retrying in ${Math.round(delay)} ms (${reasonOf(error)})`;
}

/** The warn line of a 2xx body that only just fit `maxResponseBytes` (the next, larger page may not). */
export function nearCapLine(bytes: number, maxResponseBytes: number) {
  return `a response of ${bytes} bytes only just fit maxResponseBytes (${maxResponseBytes})`;
}
