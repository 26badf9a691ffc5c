/**
 * Where the `Finicity-App-Token` comes from, and how long it lives.
 * - a function: called before each attempt (you cache); called again once after a 401 saying the token
 *   expired or is invalid;
 * - partner credentials: `POST /aggregation/v2/partners/authentication` (CreateToken), through a token store
 *   shared by the clients using the same credentials (see `shared-tokens.ts`, loaded on first use).
 * A 401 from CreateToken itself is never retried: five failed authentications lock the partner account.
 */
export interface TokenSource {
  get(): string | Promise<string>;
  /** The server rejected `token` as expired or invalid: forget it so the next `get` renews. */
  invalidate(token: string): unknown;
}

/** Codes of a 401 that a fresh token can fix: 10022 invalid token, 10023 expired token. */
export function isTokenRejected(body: unknown): boolean {
  return /^1002[23]$/.test((body as { code?: string } | null | undefined)?.code as string); // undefined → "undefined"
}
