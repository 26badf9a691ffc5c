/**
 * Where clients share tokens: anything with the Keyv shape, each method sync or async. `new Keyv(...)` (any
 * Keyv adapter: Redis, SQLite, ...), a `Map`, or your own object. `ttl` is in ms; a store may ignore it (the
 * client checks the expiry kept in each value).
 */
export interface TokenStore {
  get(key: string): unknown;
  set(key: string, value: any, ttl?: number): unknown;
  delete(key: string): unknown;
}

/**
 * A stored value. A token: `{ token, expiresAt }` (ms since the epoch; when clients stop using it and renew).
 * A rejection of the partner credentials by CreateToken: `{ rejectedAt, expiresAt, salt, tag }`, where `tag` is
 * PBKDF2 (see `credentialsTag`) of the rejected credentials.
 */
export interface StoredEntry {
  token?: string;
  rejectedAt?: number;
  expiresAt: number;
  salt?: string;
  tag?: string;
  /** A short lock held while one process calls CreateToken. */
  lock?: string;
}

/** A store op that takes longer than this counts as a failure. */
export const STORE_TIMEOUT_MS = 2000;
/** How long a CreateToken 401 blocks clients using the same (rejected) credentials. */
export const LOCKOUT_MS = 60 * 60_000;
const PBKDF2_ITERATIONS = 100_000;

const expiring = new Map<string, StoredEntry>();
/** The default store: one per process (JS realm), shared by every client that uses the same credentials. */
export const memoryStore: TokenStore = {
  get(key) {
    const entry = expiring.get(key);
    if (entry && entry.expiresAt > Date.now()) return entry;
    expiring.delete(key);
  },
  set: (key, value: StoredEntry) => expiring.set(key, value),
  delete: (key) => expiring.delete(key),
};

const subtle = () => globalThis.crypto.subtle;
const utf8 = (text: string) => new TextEncoder().encode(text);
const hex = (bytes: ArrayBuffer | Uint8Array) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

/** The store key: SHA-256 of region, base URL, partner ID and app key (the secret plays no part). */
export async function storeKey(parts: string[]): Promise<string> {
  return `finicity-token:${hex(await subtle().digest("SHA-256", utf8(JSON.stringify(parts))))}`;
}

/**
 * PBKDF2-SHA-256 (100,000 rounds, a random salt kept beside it) of the app key and partner secret together: it
 * tells whether a rejection was made with the secret a client holds now. The app key is never in the store, so
 * a reader of the store cannot even start guessing a weak secret without it; the rounds slow guessing after that.
 */
export async function credentialsTag(appKey: string, secret: string, salt: string): Promise<string> {
  const key = await subtle().importKey("raw", utf8(JSON.stringify([appKey, secret])), "PBKDF2", false, ["deriveBits"]);
  return hex(await subtle().deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: utf8(salt), iterations: PBKDF2_ITERATIONS }, key, 256));
}

export const randomId = () => hex(globalThis.crypto.getRandomValues(new Uint8Array(16)));

/** Runs one store call, bounded by STORE_TIMEOUT_MS; rejects on a throw, a rejection or a timeout. */
export function callStore<T>(call: () => T): Promise<Awaited<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    new Promise<never>((_, reject) => (timer = setTimeout(reject, STORE_TIMEOUT_MS, { name: "StoreTimeout" }))),
    new Promise<T>((resolve) => resolve(call())),
  ]).finally(() => clearTimeout(timer)) as Promise<Awaited<T>>;
}
