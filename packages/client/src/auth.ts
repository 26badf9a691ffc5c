/**
 * Where the `Finicity-App-Token` comes from, and how long it lives.
 * - a function: called before each attempt (you cache); called again once after a 401 saying the token
 *   expired or is invalid;
 * - partner credentials: `POST /aggregation/v2/partners/authentication` (CreateToken), one call in flight
 *   shared by every concurrent request, renewed before the region's token expires (AU: lives 90 min, renewed
 *   at 85; US: lives 2 h, renewed at 90 as Mastercard advises), and renewed once after such a 401.
 * A 401 from CreateToken itself is never retried: five failed authentications lock the partner account.
 */
export interface TokenSource {
  get(): string | Promise<string>;
  /** The server rejected `token` as expired or invalid: forget it so the next `get` renews. */
  invalidate(token: string): void;
}

/** Codes of a 401 that a fresh token can fix: 10022 invalid token, 10023 expired token. */
export function isTokenRejected(body: unknown): boolean {
  return /^1002[23]$/.test((body as { code?: string } | null | undefined)?.code as string); // undefined → "undefined"
}

/** Caches a token from `createToken` until `renewAfterMs` has passed; concurrent callers share one call. */
export function partnerTokenCache(createToken: () => Promise<string>, renewAfterMs: number): TokenSource {
  let token: string | Promise<string> | undefined; // the token, or the call that makes it
  let renewAt = 0; // Infinity while a call is under way
  return {
    get() {
      if (!token || Date.now() >= renewAt) {
        renewAt = Infinity;
        token = createToken().then(
          (fresh) => {
            renewAt = Date.now() + renewAfterMs;
            return (token = fresh);
          },
          (error: unknown) => {
            token = undefined;
            throw error;
          },
        );
      }
      return token;
    },
    invalidate(rejected) {
      if (token === rejected) token = undefined;
    },
  };
}
