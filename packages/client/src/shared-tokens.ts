// The `./shared-tokens` entry: loaded with `import()` by a client created with partner credentials, the first
// time it needs a token (that is a network call anyway), so clients given `appToken` never load it.
import type { TokenSource } from "./auth.js";
import type { CustomersClientOptions } from "./client.js";
import type { AuthenticationError } from "./errors.js";
import type { RegionSettings } from "./regions.js";
import type { Log } from "./logger.js";
import { LOCKOUT_MS, callStore, credentialsTag, memoryStore, randomId, storeKey, type StoredEntry, type TokenStore } from "./token-store.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long another process may hold the CreateToken lock before this one makes its own token. */
const LOCK_MS = 10_000;
/**
 * After writing the lock, wait this long plus twice what reading and writing it took, then read it again: a
 * process that found no lock before our write landed writes its own within about that time, and the last
 * writer wins for both.
 */
const SETTLE_MS = 100;

/** CreateToken calls in flight in this process, per store and credentials: concurrent clients share one. */
const inFlight = new WeakMap<TokenStore, Map<string, Promise<StoredEntry>>>();


/**
 * Tokens from partner credentials, shared through a store. Each client keeps the token it uses until its
 * `expiresAt`; it reads the store only when it has none. One CreateToken per token life:
 * - in one process, concurrent clients on one store share one call in flight;
 * - across processes, the one that takes a short lock entry (`<key>:lock`, LOCK_MS) calls; the others wait for
 *   its token. Keyv has no atomic "set if absent": two processes that both find no lock and write theirs within
 *   SETTLE_MS of each other see the same winner; wider apart, both call (at most one extra CreateToken per
 *   process per token life, also when the lock holder takes longer than LOCK_MS).
 * A 401 from CreateToken is recorded (see `credentialsTag`); clients holding the same credentials then fail at
 * once for LOCKOUT_MS without calling. A store that throws or hangs: a warning, and this client's own token.
 */
export function sharedTokenSource(
  options: CustomersClientOptions,
  region: RegionSettings,
  createToken: () => Promise<string>,
  log: Log,
  /** The main entry's class (so `instanceof` works for callers). */
  Rejected: typeof AuthenticationError,
): TokenSource {
  const store = options.tokenStore ?? memoryStore;
  const appKey = options.appKey;
  const secret = options.partnerSecret!;
  // The store key: region, base URL (as openapi-fetch uses it: no trailing slash), partner ID and app key.
  const keyParts = [options.region ?? "au", (options.baseUrl ?? region.baseUrl).replace(/\/+$/, ""), options.partnerId!, appKey];
  let token: string | undefined;
  let renewAt = 0;
  let key: Promise<string> | undefined;
  const tags = new Map<string, Promise<string>>();
  const tagFor = (salt: string) => tags.get(salt) ?? tags.set(salt, credentialsTag(appKey, secret, salt)).get(salt)!;

  /** One store call; a failure logs a warning, marks `state.broken` and returns undefined. */
  const op = async (state: { broken?: boolean }, name: keyof TokenStore, ...args: [string, unknown?, number?]) => {
    if (!state.broken) {
      try {
        const value: unknown = await callStore(() => (store[name] as (...a: unknown[]) => unknown)(...args));
        return (typeof value === "string" ? JSON.parse(value) : value) as StoredEntry | undefined;
      } catch (error) {
        state.broken = true;
        // The error's class and code only: a store's message may quote the value (a token).
        const { name: kind, code } = (error ?? {}) as { name?: unknown; code?: unknown };
        log.warn?.(`token store ${name} failed (${[kind, code].filter((v) => typeof v == "string" && /^[\w.-]{1,40}$/.test(v)).join(" ")}); using this client's own token`);
      }
    }
  };

  /** A live entry at `k`: a token, or (with the credentials this client holds) a rejection, thrown. */
  const read = async (state: object, k: string) => {
    const entry = await op(state, "get", k);
    if (!entry || !(entry.expiresAt > Date.now())) return;
    if (typeof entry.token === "string") return entry;
    if (typeof entry.salt === "string" && entry.tag === (await tagFor(entry.salt))) {
      throw new Rejected(
        401,
        undefined,
        undefined,
        `CreateToken rejected these partner credentials at ${new Date(entry.rejectedAt!).toISOString()} (this or another client ` +
          `sharing the token store); not calling it again, since five failures lock the partner account. Fix partnerId/partnerSecret ` +
          `(a new secret is tried at once) or wait until ${new Date(entry.expiresAt).toISOString()}.`,
      );
    }
  };

  /** Finds or makes the token for this store and these credentials. */
  async function obtain(k: string): Promise<StoredEntry> {
    const state = {};
    let entry = await read(state, k);
    if (entry) return entry;
    const lockKey = `${k}:lock`;
    const me = randomId();
    let lock: StoredEntry | undefined;
    if (options.tokenStore) {
      const started = Date.now();
      lock = await op(state, "get", lockKey);
      if (!(lock?.expiresAt! > Date.now())) {
        await op(state, "set", lockKey, { lock: me, expiresAt: Date.now() + LOCK_MS }, LOCK_MS);
        await sleep(SETTLE_MS + 2 * (Date.now() - started));
        lock = await op(state, "get", lockKey);
      }
      // Another process is making the token: wait for it while its lock lives.
      for (let wait = 50; lock?.lock !== me && lock?.expiresAt! > Date.now(); wait = Math.min(wait * 2, 1000)) {
        await sleep(wait);
        if ((entry = await read(state, k))) return entry;
        lock = await op(state, "get", lockKey);
      }
    }
    try {
      const now = Date.now();
      entry = { token: await createToken(), expiresAt: now + region.tokenRenewAfterMs };
      log.info?.(`obtained a token from CreateToken; renewing it after ${new Date(entry.expiresAt).toISOString()}`);
      await op(state, "set", k, entry, region.tokenRenewAfterMs);
      return entry;
    } catch (error) {
      if ((error as { status?: number }).status === 401) {
        const salt = randomId();
        const now = Date.now();
        await op(state, "set", k, { rejectedAt: now, expiresAt: now + LOCKOUT_MS, salt, tag: await tagFor(salt) }, LOCKOUT_MS);
        log.error?.(`CreateToken rejected the partner credentials (HTTP 401); clients sharing the token store will not try them again for ${LOCKOUT_MS / 60_000} minutes (a new secret is tried at once)`);
      }
      throw error;
    } finally {
      if (lock?.lock === me) await op(state, "delete", lockKey);
    }
  }

  return {
    get() {
      return token && Date.now() < renewAt
        ? token
        : (async () => {
            const k = await (key ??= storeKey(keyParts));
            const calls = inFlight.get(store) ?? inFlight.set(store, new Map()).get(store)!;
            const id = JSON.stringify([k, secret]); // in memory only: clients with another secret make their own call
            let call = calls.get(id);
            if (!call) {
              calls.set(id, (call = obtain(k)));
              call.then(() => calls.delete(id), () => calls.delete(id));
            }
            const entry = await call;
            renewAt = entry.expiresAt;
            return (token = entry.token!);
          })();
    },
    async invalidate(rejected) {
      if (token === rejected) token = undefined;
      // Stryker disable next-line AssignmentOperator: equivalent, `invalidate` only follows a `get`, which set `key` (`&&=` hashes the same parts again)
      const k = await (key ??= storeKey(keyParts));
      const state = {};
      if ((await op(state, "get", k))?.token === rejected) await op(state, "delete", k);
    },
  };
}
