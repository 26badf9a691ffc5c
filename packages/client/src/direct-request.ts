import { cappedBytes, guardResponse } from "./fetch-guard.js";

/** What one request resolves to: openapi-fetch's result shape (`data` for a 2xx, `error` otherwise). */
export interface RequestResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** One request of this client's two operations, as `send` (client.ts) makes it. */
export interface RequestInit {
  /** GetCustomers' query (every value a string or an integer: checked before the call). */
  params?: { query: Record<string, unknown> };
  /** CreateToken's body, sent as JSON. */
  body?: { partnerId: string; partnerSecret: string };
  /** Every header of this request (the client's, and the token's). */
  headers?: Record<string, string>;
  /** This attempt's signal: the per-attempt timeout and the caller's signal. */
  attemptSignal?: AbortSignal;
}

const decoder = new TextDecoder();

/**
 * The client's own requests, made with one `fetch(url, init)` and parsed the way openapi-fetch parses them
 * (its default query serializer: `name=encodeURIComponent(value)`, undefined and null left out; JSON for a 2xx,
 * JSON or else text for an error; no body on a 204 or a Content-Length of 0). Going through openapi-fetch built
 * a Request that fetch then copied into a second one, for each call: with a page of 0 or 1 customers over
 * loopback that was about a twentieth of the call (packages/bench, figures 1 and 2). Redirects and body sizes
 * follow `guardResponse`'s rules.
 */
export function directRequest(baseUrl: string, headers: Record<string, string>, fetch: typeof globalThis.fetch, maxBytes: number, near?: (bytes: number) => void) {
  return async (method: string, path: string, init: RequestInit): Promise<RequestResult> => {
    let url = baseUrl + path;
    let separator = "?";
    const query = init.params?.query;
    for (const name in query) {
      const value = query[name];
      if (value != null) {
        url += `${separator}${name}=${encodeURIComponent(value as string)}`;
        separator = "&";
      }
    }
    const response = await fetch(url, {
      method,
      headers: init.body ? { ...headers, "Content-Type": "application/json" } : (init.headers ?? headers),
      body: init.body && JSON.stringify(init.body),
      signal: init.attemptSignal,
      redirect: "manual",
    });
    const cap = guardResponse(response, maxBytes, url);
    if (response.status === 204 || response.headers.get("content-length") === "0") return { response };
    const text = cap ? decoder.decode(await cappedBytes(response, cap, maxBytes, near)) : await response.text();
    if (response.ok) return { data: text ? JSON.parse(text) : undefined, response };
    try {
      return { error: JSON.parse(text), response };
    } catch {
      return { error: text, response };
    }
  };
}
