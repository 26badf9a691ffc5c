import type { ErrorMessage } from "@finicity-aggregation/types";
import { escapeControlChars } from "./control-chars.js";

/** The key `util.inspect` (and so `console.log`) looks up in Node; a plain symbol elsewhere. */
const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** Base of every error this client throws. `name` always equals the class name. */
export class FinicityError extends Error {
  /** util.inspect / console.log: like Node's own errors, the stack (`Name: message` first), then the fields and `cause`. */
  [INSPECT](_depth: number, options: object, inspect?: (value: unknown, options: object) => string): string {
    const fields: Record<string, unknown> = { ...(this as object) };
    if (this.cause !== undefined) fields.cause = this.cause;
    return inspect && Object.keys(fields).length ? `${this.stack} ${inspect(fields, options)}` : `${this.stack}`;
  }

  /** JSON.stringify: name, message and the fields (never a secret: the client redacts every field). */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...(this as object) };
  }
}

/** Any non-2xx answer from the API. */
export class FinicityApiError extends FinicityError {
  /** The HTTP status. */
  declare readonly status: number;
  /** The API's error code as it was sent (a string such as "10022", or a number such as 12401). */
  declare readonly code: string | number | undefined;
  /** The parsed body: an `ErrorMessage` for JSON answers, a string for text answers. */
  declare readonly body: ErrorMessage | string | undefined;
  /** The `X-Request-Id` header of the answer, if the server sent one. */
  declare readonly requestId: string | undefined;

  constructor(status: number, body: unknown, headers: Headers | undefined, message?: string) {
    const parsed = parseBody(body);
    super(message ?? describe(status, parsed));
    Object.assign(this, {
      status,
      code: (parsed as ErrorMessage | undefined)?.code, // a text body has none
      body: parsed,
      requestId: headers?.get("x-request-id") ?? undefined,
    });
  }
}

/** 400: the query was rejected (codes 14016, 41003, 41004, ...). */
export class BadRequestError extends FinicityApiError {}
/** 401: missing, unknown or expired credentials (codes 10022, 10023, 10024, 10026, ...). */
export class AuthenticationError extends FinicityApiError {}
/** 403: the credentials may not do this. */
export class PermissionDeniedError extends FinicityApiError {}
/** 404: the partner was not found (codes 14003, 12401). */
export class NotFoundError extends FinicityApiError {}
/** 429: a gateway asked the client to slow down. */
export class RateLimitError extends FinicityApiError {}
/** 5xx: the server or a gateway failed. */
export class InternalServerError extends FinicityApiError {}

/** One way a response body breaks the spec (see `validateResponses`). Never holds the offending value. */
export interface ResponseValidationIssue {
  /** JSON pointer to the value, e.g. `/customers/0/id`. */
  path: string;
  /** The rule that failed: `type`, `required`, `pattern`, ... */
  rule: string;
  message: string;
  /** typeof-like type of the value found: `number`, `null`, `array`, ... */
  valueType: string;
}

/** The answer (2xx or error) did not match the spec; thrown only with `validateResponses: true`. */
export class ResponseValidationError extends FinicityApiError {
  declare readonly issues: ResponseValidationIssue[];
  /** The parsed body as received, kept for inspection. */
  declare readonly responseBody: unknown;
  constructor(issues: ResponseValidationIssue[], status: number, body: unknown, headers: Headers | undefined) {
    const list = issues.map((i) => `${i.path || "/"} (${i.rule}, got ${i.valueType})`);
    super(status, body, headers, `HTTP ${status} answer breaks the spec: ${list.join("; ")}`);
    Object.assign(this, { issues, responseBody: body });
  }
}

/**
 * A redirect, refused: the client follows none, so credentials never leave the base URL's origin. `location`:
 * the target's origin; undefined in browsers, which hide an opaque redirect's status (0) and target.
 */
export class RedirectError extends FinicityError {
  declare readonly status: number;
  declare readonly location: string | undefined;
  constructor(status: number, location?: string | null, base?: string) {
    try {
      location = location && new URL(location, base).origin;
    } catch {}
    super(`HTTP ${status} redirect to ${location || "(hidden by the browser)"} refused`);
    Object.assign(this, { status, location: location || undefined });
  }
}

/** A body passed `maxResponseBytes`; the rest was not read. */
export class ResponseTooLargeError extends FinicityError {
  declare readonly status: number;
  constructor(status: number, maxResponseBytes: number) {
    super(`HTTP ${status} body over maxResponseBytes (${maxResponseBytes})`);
    Object.assign(this, { status });
  }
}

/** The request never got an answer (DNS, refused or reset connection, ...). `cause` holds the fetch error. */
export class ConnectionError extends FinicityError {}
/** An attempt took longer than `timeoutMs` (after any retries). */
export class TimeoutError extends ConnectionError {}

/** One problem with an input: the field, the rule it breaks, and a message (never the value itself). */
export interface ValidationIssue {
  field: string;
  rule: string;
  message: string;
}

/** Bad input, found before anything was sent. Lists every problem by field and rule. */
export class ValidationError extends FinicityError {
  declare readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[]) {
    super(`Invalid input: ${issues.map((i) => `${i.field} ${i.message} (${i.rule})`).join("; ")}`);
    Object.assign(this, { issues });
  }
}

/**
 * Paging cannot go on: a page breaks what paging relies on (`field` names what), claims more records but
 * adds none (after one retry), or the walk passed its request ceiling.
 */
export class PaginationError extends FinicityError {
  /** The `start` of the page at fault. */
  declare readonly start: number;
  /** The page's field at fault: `found`, `displaying`, `customers`, `moreAvailable`. */
  declare readonly field: string;
  constructor(start: number, message: string, field?: string) {
    super(message);
    Object.assign(this, { start, field });
  }
}

// Each class's `name`, set once on its prototype. Written out (alphabetically, as exported) because minifiers
// rename classes.
const NAMES: Record<string, { prototype: Error }> = {
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  FinicityApiError,
  FinicityError,
  InternalServerError,
  NotFoundError,
  PaginationError,
  PermissionDeniedError,
  RateLimitError,
  RedirectError,
  ResponseTooLargeError,
  ResponseValidationError,
  TimeoutError,
  ValidationError,
};
for (const name in NAMES) NAMES[name]!.prototype.name = name;

function parseBody(body: unknown): ErrorMessage | string | undefined {
  // A text body is kept up to 4096 characters (see ERROR_BODY_BYTES: no secret is cut in two at that point).
  return typeof body === "string" ? body.slice(0, 4096) : (body as Partial<ErrorMessage> | null)?.code !== undefined ? (body as ErrorMessage) : undefined;
}

/**
 * The message of an API error. What the server sent (its code and text) has its control characters escaped
 * (escapeControlChars).
 * `body` keeps the text as it was sent.
 */
function describe(status: number, body: ErrorMessage | string | undefined): string {
  const text = typeof body === "string" ? body.slice(0, 200) : body?.message;
  return escapeControlChars(`HTTP ${status}${typeof body === "object" ? `, code ${body.code}` : ""}${text ? `: ${text}` : ""}`);
}
