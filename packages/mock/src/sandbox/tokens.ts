/**
 * At most this many tokens are remembered (about 10 MB); past it the oldest are forgotten first, so a client that
 * asks for tokens in a loop cannot grow the sandbox without bound even within one token lifetime.
 */
export const MAX_REMEMBERED_TOKENS = 100_000;

/**
 * Issues access tokens and tells whether one is valid, unknown or expired. An expired token is still told apart
 * (`expired`, answered 10023) for one more lifetime, then forgotten (`unknown`, 10022): the store holds only the
 * tokens of the last two lifetimes, and never more than MAX_REMEMBERED_TOKENS.
 */
export class TokenStore {
  /** Token → expiry (ms). Issued in order with one lifetime, so the oldest expire first: pruning pops from the front. */
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  issue(): string {
    const now = this.now();
    this.prune(now);
    const token = randomToken();
    this.expiries.set(token, now + this.ttlMs);
    if (this.expiries.size > MAX_REMEMBERED_TOKENS) this.expiries.delete(this.expiries.keys().next().value as string);
    return token;
  }

  check(token: string): "valid" | "unknown" | "expired" {
    const now = this.now();
    this.prune(now);
    const expiresAt = this.expiries.get(token);
    if (expiresAt === undefined) return "unknown";
    return now >= expiresAt ? "expired" : "valid";
  }

  /** How many tokens are remembered (valid, or expired less than one lifetime ago). */
  get size(): number {
    return this.expiries.size;
  }

  /** Forgets the tokens that expired one lifetime ago or more (they are at the front). */
  private prune(now: number): void {
    for (const [token, expiresAt] of this.expiries) {
      if (expiresAt + this.ttlMs > now) return;
      this.expiries.delete(token);
    }
  }
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** 20 random letters and digits, like the spec's example token. */
function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join("");
}
