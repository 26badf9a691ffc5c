import type { Client, Middleware } from "openapi-fetch";
import type { paths } from "@finicity-aggregation/types";

const ignore = () => {};
const METHODS = ["request", "GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/**
 * `client.raw`: openapi-fetch's client, created on first use by `load` (which imports the `./raw` entry). Every
 * request method returns a promise anyway, so each waits for the load; `use` and `eject` are queued on the same
 * load, in call order, so a middleware added before a request sees it. `use` checks its middleware at once, as
 * openapi-fetch does, and calls `onUse`.
 */
export function lazyRawClient(load: () => Promise<Client<paths>>, onUse: () => void): Client<paths> {
  let loading: Promise<Client<paths>> | undefined;
  const client = () => (loading ??= load());
  const raw: Record<string, unknown> = {};
  for (const method of METHODS) raw[method] = (...args: unknown[]) => client().then((c) => (c[method] as (...a: unknown[]) => unknown)(...args));
  raw.use = (...middleware: Middleware[]) => {
    for (const m of middleware) {
      if (m && (typeof m !== "object" || !("onRequest" in m || "onResponse" in m || "onError" in m))) {
        throw new Error("Middleware must be an object with one of `onRequest()`, `onResponse() or `onError()`");
      }
    }
    onUse();
    client().then((c) => c.use(...middleware), ignore); // a failed load rejects the requests that wait for it
  };
  raw.eject = (...middleware: Middleware[]) => void client().then((c) => c.eject(...middleware), ignore);
  return raw as unknown as Client<paths>;
}
