/** A problem that stops a run before it can judge the server. The CLI exits with `exitCode` (2). */
export class VerifyError extends Error {
  override name = "VerifyError";
  readonly exitCode = 2 as const;
}

/** The options are wrong or incomplete (a missing credential, a bad number, a refused host). */
export class UsageError extends VerifyError {
  override name = "UsageError";
}

/** The server could not be reached at all. */
export class UnreachableError extends VerifyError {
  override name = "UnreachableError";
}

/** No access token could be had with the partner credentials given (never retried: five failures lock the account). */
export class TokenError extends VerifyError {
  override name = "TokenError";
}
