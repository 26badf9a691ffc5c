import { SandboxInputError } from "./errors.js";

/**
 * A fault to inject into one response. Fields combine: `{ latencyMs: 200, status: 503 }` waits 200 ms,
 * then answers 503.
 */
export interface Fault {
  /** Wait this long (ms) before answering (or before dropping the connection). */
  latencyMs?: number;
  /** Answer with this HTTP status (400-599) and an `ErrorMessage` body instead of the real answer. */
  status?: number;
  /** With `status`: send `Retry-After` with this value (seconds, or an HTTP-date). */
  retryAfter?: number | string;
  /** Close the connection without an answer (server: the socket is destroyed; createSandboxFetch: rejects with a TypeError). */
  drop?: boolean;
  /** Send the headers and half the body (chunked), then cut the connection. */
  truncate?: boolean;
  /** Label the body with this content type instead of `application/json` (the bytes stay the same). */
  contentType?: string;
}

/** Faults applied by configuration rather than per request. */
export interface FaultConfig {
  /** Applied to every request, under any other fault (e.g. `{ latencyMs: 20 }`). */
  always?: Fault;
  /** Applied to the first `count` requests after start and after every `reset()` (e.g. a burst of 503s). */
  first?: { count: number; fault: Fault };
  /** Honour the `X-Mock-Fault` request header. Default true. */
  header?: boolean;
}

export const FAULT_HEADER = "x-mock-fault";
const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i;
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Parses the `X-Mock-Fault` header: `;`-separated items, each `name` or `name=value`:
 * `latency=MS`, `status=CODE`, `retry-after=SECONDS|HTTP-DATE`, `drop`, `truncate`, `content-type=TYPE/SUBTYPE`.
 * Throws SandboxInputError naming the bad item.
 */
export function parseFaultHeader(header: string): Fault {
  const fault: Fault = {};
  for (const item of header.split(";")) {
    const trimmed = item.trim();
    if (trimmed === "") continue;
    const eq = trimmed.indexOf("=");
    const name = (eq === -1 ? trimmed : trimmed.slice(0, eq)).trim().toLowerCase();
    const value = eq === -1 ? undefined : trimmed.slice(eq + 1).trim();
    const needValue = () => {
      if (value === undefined || value === "") throw new SandboxInputError(`X-Mock-Fault ${name}`, "needs a value (name=value)");
      return value;
    };
    const noValue = () => {
      if (value !== undefined) throw new SandboxInputError(`X-Mock-Fault ${name}`, "takes no value");
    };
    switch (name) {
      case "latency":
        fault.latencyMs = Number(needValue());
        break;
      case "status":
        fault.status = Number(needValue());
        break;
      case "retry-after": {
        const v = needValue();
        // Stryker disable next-line Regex: equivalent, a value with a digit at one end only is refused either way, as NaN or as text (stryker-equivalent.md)
        fault.retryAfter = /^[0-9]+$/.test(v) ? Number(v) : v;
        break;
      }
      case "drop":
        noValue();
        fault.drop = true;
        break;
      case "truncate":
        noValue();
        fault.truncate = true;
        break;
      case "content-type":
        fault.contentType = needValue();
        break;
      default:
        throw new SandboxInputError(
          `X-Mock-Fault ${JSON.stringify(name)}`,
          "is not a fault (use latency=MS, status=CODE, retry-after=S, drop, truncate, content-type=TYPE)",
        );
    }
  }
  return validateFault(fault, "X-Mock-Fault");
}

/** Checks a fault given in code or parsed from the header; throws SandboxInputError naming the field. */
export function validateFault(fault: Fault, field: string): Fault {
  if (typeof fault !== "object" || fault === null) throw new SandboxInputError(field, "must be an object");
  const { latencyMs, status, retryAfter, drop, truncate, contentType } = fault;
  if (latencyMs !== undefined && !(Number.isInteger(latencyMs) && latencyMs >= 0 && latencyMs <= 600_000)) {
    throw new SandboxInputError(`${field} latency`, "must be a whole number of milliseconds from 0 to 600000");
  }
  if (status !== undefined && !(Number.isInteger(status) && status >= 400 && status <= 599)) {
    throw new SandboxInputError(`${field} status`, "must be an HTTP error status from 400 to 599");
  }
  if (retryAfter !== undefined) {
    if (status === undefined) throw new SandboxInputError(`${field} retry-after`, "needs a status as well");
    const ok =
      // Stryker disable next-line ConditionalExpression: equivalent, Number.isInteger is false for any non-number (stryker-equivalent.md)
      (typeof retryAfter === "number" && Number.isInteger(retryAfter) && retryAfter >= 0) ||
      (typeof retryAfter === "string" && HTTP_DATE.test(retryAfter));
    if (!ok) throw new SandboxInputError(`${field} retry-after`, "must be whole seconds or an HTTP-date (Wed, 21 Oct 2026 07:28:00 GMT)");
  }
  if (drop !== undefined && typeof drop !== "boolean") throw new SandboxInputError(`${field} drop`, "must be a boolean");
  if (truncate !== undefined && typeof truncate !== "boolean") throw new SandboxInputError(`${field} truncate`, "must be a boolean");
  if (contentType !== undefined && !(typeof contentType === "string" && MEDIA_TYPE.test(contentType))) {
    throw new SandboxInputError(`${field} content-type`, "must be a media type such as text/html");
  }
  return fault;
}

/** Writes a fault back in the header grammar (for the request log). */
export function formatFault(fault: Fault): string {
  const parts: string[] = [];
  if (fault.latencyMs !== undefined) parts.push(`latency=${fault.latencyMs}`);
  if (fault.status !== undefined) parts.push(`status=${fault.status}`);
  if (fault.retryAfter !== undefined) parts.push(`retry-after=${fault.retryAfter}`);
  if (fault.drop) parts.push("drop");
  if (fault.truncate) parts.push("truncate");
  if (fault.contentType !== undefined) parts.push(`content-type=${fault.contentType}`);
  return parts.join(";");
}

export function isEmptyFault(fault: Fault): boolean {
  return formatFault(fault) === "";
}
