import {
  AuthenticationError,
  BadRequestError,
  FinicityApiError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from "./errors.js";

/** The class of each status that has its own; other 5xx are InternalServerError, the rest FinicityApiError. */
const BY_STATUS: Record<number, typeof FinicityApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  429: RateLimitError,
};

/** Builds the error class that matches an HTTP status. */
export function apiErrorFor(status: number, body: unknown, headers?: Headers): FinicityApiError {
  const Class = BY_STATUS[status] ?? (status >= 500 ? InternalServerError : FinicityApiError);
  return new Class(status, body, headers);
}
