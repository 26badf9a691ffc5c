import type { Client, Middleware } from "openapi-fetch";
import type { paths } from "@finicity-aggregation/types";
import { createClient } from "./openapi-fetch.js";

/**
 * `client.raw`'s openapi-fetch client: the `./raw` entry, loaded by `import()` the first time `raw` is used (so
 * openapi-fetch is not part of the up-front bundle). `fetch` is the client's guarded fetch (redirects refused,
 * bodies capped); `middleware`, when given, puts the current token on raw calls.
 */
export function createRawClient(baseUrl: string, headers: Record<string, string>, fetch: (request: Request) => Promise<Response>, middleware?: Middleware): Client<paths> {
  const raw = createClient<paths>({ baseUrl, headers, fetch });
  if (middleware) raw.use(middleware);
  return raw;
}
