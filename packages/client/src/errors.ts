import type { ErrorMessage } from "@finicity-aggregation/types";

/** Any non-2xx answer from the API. */
export class FinicityApiError extends Error {
  override name = "FinicityApiError";
  /** The HTTP status. */
  readonly status: number;
  /** The API's error code as it was sent (a string such as "10022", or a number such as 12401). */
  readonly code: string | number | undefined;
  /** The parsed body: an `ErrorMessage` for JSON answers, a string for text answers. */
  readonly body: ErrorMessage | string | undefined;
  /** The request id header of the answer, if the server sent one. */
  readonly requestId: string | undefined;

  constructor(status: number, body: unknown, headers: Headers | undefined) {
    const parsed = parseBody(body);
    super(describe(status, parsed));
    this.status = status;
    this.body = parsed;
    this.code = typeof parsed === "object" ? parsed.code : undefined;
    this.requestId = headers?.get("x-request-id") ?? headers?.get("request-id") ?? undefined;
  }
}

/** 400: the query was rejected (codes 14016, 41003, 41004, ...). */
export class BadRequestError extends FinicityApiError {
  override name = "BadRequestError";
}
/** 401: missing, unknown or expired credentials (codes 10022, 10023, 10024, 10026, ...). */
export class AuthenticationError extends FinicityApiError {
  override name = "AuthenticationError";
}
/** 403: the credentials may not do this. */
export class PermissionDeniedError extends FinicityApiError {
  override name = "PermissionDeniedError";
}
/** 404: the partner was not found (codes 14003, 12401). */
export class NotFoundError extends FinicityApiError {
  override name = "NotFoundError";
}
/** 429: a gateway asked the client to slow down. */
export class RateLimitError extends FinicityApiError {
  override name = "RateLimitError";
}
/** 5xx: the server or a gateway failed. */
export class InternalServerError extends FinicityApiError {
  override name = "InternalServerError";
}

/** Builds the error class that matches an HTTP status. */
export function apiErrorFor(status: number, body: unknown, headers?: Headers): FinicityApiError {
  if (status === 400) return new BadRequestError(status, body, headers);
  if (status === 401) return new AuthenticationError(status, body, headers);
  if (status === 403) return new PermissionDeniedError(status, body, headers);
  if (status === 404) return new NotFoundError(status, body, headers);
  if (status === 429) return new RateLimitError(status, body, headers);
  if (status >= 500) return new InternalServerError(status, body, headers);
  return new FinicityApiError(status, body, headers);
}

function parseBody(body: unknown): ErrorMessage | string | undefined {
  if (typeof body === "string") return body;
  if (body !== null && typeof body === "object" && "code" in body) return body as ErrorMessage;
  return undefined;
}

function describe(status: number, body: ErrorMessage | string | undefined): string {
  if (typeof body === "string") return `HTTP ${status}: ${body.slice(0, 200)}`;
  if (body === undefined) return `HTTP ${status}`;
  const text = body.message ?? body.title ?? "";
  return `HTTP ${status}, code ${String(body.code)}${text ? `: ${text}` : ""}`;
}
