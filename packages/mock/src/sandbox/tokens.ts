/** Issues access tokens and tells whether one is valid, unknown or expired. */
export class TokenStore {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  issue(): string {
    const token = randomToken();
    this.expiries.set(token, this.now() + this.ttlMs);
    return token;
  }

  check(token: string): "valid" | "unknown" | "expired" {
    const expiresAt = this.expiries.get(token);
    if (expiresAt === undefined) return "unknown";
    return this.now() >= expiresAt ? "expired" : "valid";
  }
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** 20 random letters and digits, like the spec's example token. */
function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join("");
}
