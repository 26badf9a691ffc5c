import { http, HttpResponse, type RequestHandler } from "msw";
import { createSandboxCore, type SandboxControl } from "./sandbox/core.js";
import { ConnectionDroppedError } from "./sandbox/errors.js";
import type { SandboxOptions } from "./sandbox/options.js";
import { webSandbox } from "./sandbox/sandbox.js";

/** The production hosts of both regions: a client with no `baseUrl` calls one of these. */
export const PRODUCTION_BASE_URLS = ["https://api.openbanking.mastercard.com.au", "https://api.finicity.com"] as const;

export interface SandboxHandlersOptions extends SandboxOptions {
  /**
   * Origins (scheme, host, port) the handlers answer on, every path of them. Default: both regions' production
   * hosts, so a client with no `baseUrl` works under MSW unchanged and nothing reaches the real API.
   */
  baseUrls?: readonly string[];
}

export interface SandboxHandlers {
  /** Pass to `setupServer(...handlers)` (msw/node) or `setupWorker(...handlers)` (msw/browser). */
  handlers: RequestHandler[];
  /** Drive the sandbox: the same `SandboxControl` as `startMock`'s `sandbox`. */
  control: SandboxControl;
}

/** Lets a page on another origin read the answers (a service worker's answer to a CORS request must allow it). */
const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "retry-after, content-length",
};

/**
 * MSW request handlers backed by the sandbox: the same data, semantics, tokens and faults as `startMock`'s
 * sandbox, with no server. A `drop` fault becomes a network error; `latency` honours the request's signal.
 */
export function sandboxHandlers(options: SandboxHandlersOptions = {}): SandboxHandlers {
  const { baseUrls = PRODUCTION_BASE_URLS, ...sandboxOptions } = options;
  const origins = baseUrls.map((baseUrl, index) => originOf(baseUrl, index));
  const sandbox = webSandbox(createSandboxCore(sandboxOptions));
  const handlers = origins.map((origin) =>
    http.all(`${origin}/*`, async ({ request }) => {
      if (request.method === "OPTIONS") {
        return new HttpResponse(null, {
          status: 204,
          headers: { ...CORS_HEADERS, "access-control-allow-methods": "GET, POST, OPTIONS", "access-control-allow-headers": request.headers.get("access-control-request-headers") ?? "*" },
        });
      }
      let response: Response;
      try {
        response = await sandbox.handle(request);
      } catch (error) {
        if (error instanceof ConnectionDroppedError) return HttpResponse.error();
        throw error;
      }
      const headers = new Headers(response.headers);
      for (const [name, value] of Object.entries(CORS_HEADERS)) headers.set(name, value);
      return new HttpResponse(response.body, { status: response.status, headers });
    }),
  );
  return { handlers, control: sandbox.control };
}

function originOf(baseUrl: string, index: number): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrls[${index}] must be an absolute http(s) URL, got ${JSON.stringify(String(baseUrl)).slice(0, 200)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError(`baseUrls[${index}] must be an http or https URL`);
  return url.origin;
}

export type { SandboxControl, SandboxOptions };
