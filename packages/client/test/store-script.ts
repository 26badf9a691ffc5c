// A token store for tests that follow the client's store calls one by one, on fake time: a Map (what another
// process would see too) and a log of each call, "<ms since start> <get|set|delete> <token|lock>".
import { createHash } from "node:crypto";

/** The store key the client derives: SHA-256 of region, base URL (no trailing slash), partner ID and app key. */
export const storeKeyOf = (parts: [region: string, baseUrl: string, partnerId: string, appKey: string]) =>
  `finicity-token:${createHash("sha256").update(JSON.stringify(parts)).digest("hex")}`;

export interface ScriptedStore {
  map: Map<string, unknown>;
  /** One line per call, in the order the client made them. */
  log: string[];
  writes: Array<{ key: string; value: unknown; ttl: number | undefined }>;
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttl?: number): Promise<boolean>;
  delete(key: string): Promise<boolean>;
}

/**
 * `start`: the (fake) time the log counts from. `delayMs`: how long each call takes (a fake-timer wait).
 * `before`: runs before each call with the ms since start (a scripted other process writing to the map).
 */
export function scriptedStore(start: number, options: { delayMs?: number; before?: (ms: number, map: Map<string, unknown>) => void } = {}): ScriptedStore {
  const map = new Map<string, unknown>();
  const log: string[] = [];
  const writes: ScriptedStore["writes"] = [];
  const call = async <T>(op: string, key: string, run: () => T): Promise<T> => {
    const ms = Date.now() - start;
    log.push(`${ms} ${op} ${key.endsWith(":lock") ? "lock" : "token"}`);
    options.before?.(ms, map);
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    return run();
  };
  return {
    map,
    log,
    writes,
    get: (key) => call("get", key, () => map.get(key)),
    set: (key, value, ttl) =>
      call("set", key, () => {
        writes.push({ key, value, ttl });
        map.set(key, value);
        return true;
      }),
    delete: (key) => call("delete", key, () => map.delete(key)),
  };
}

/**
 * For a beforeAll: one answer on real time, so the client's body reader (an `import()` on the first body) is
 * loaded before tests run on fake time. Else, on fake time, running the timers while that import is under way
 * fires the attempt's 30 s timeout timer, and Date jumps.
 */
export async function loadBodyReader(): Promise<void> {
  const { createCustomersClient } = await import("../src/index.js");
  const body = JSON.stringify({ found: 0, displaying: 0, moreAvailable: false, customers: [] });
  const fetch = async () => new Response(body, { headers: { "Content-Type": "application/json" } });
  await createCustomersClient({ appKey: "k", appToken: "t", fetch }).getCustomers();
}
