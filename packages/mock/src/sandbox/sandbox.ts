import { createSandboxCore, type SandboxCore, type SandboxControl } from "./core.js";
import type { SandboxOptions } from "./options.js";
import type { SandboxAnswer } from "./responses.js";

export { AUTHENTICATION_PATH, CUSTOMERS_PATH, type RecordedRequest, type SandboxControl } from "./core.js";
export { ConnectionDroppedError } from "./errors.js";
export {
  DEFAULT_CUSTOMERS,
  DEFAULT_MAX_RECORDED_REQUESTS,
  DEFAULT_SEED,
  DEFAULT_TOKEN_TTL_MS,
  DEMO_CREDENTIALS,
  type SandboxCredentials,
  type SandboxOptions,
} from "./options.js";

export interface Sandbox {
  /** Answers one request, as the real API would. Rejects with ConnectionDroppedError for a `drop` fault. */
  handle(request: Request): Promise<Response>;
  control: SandboxControl;
}

/**
 * The sandbox on web `Request`/`Response` (createSandboxFetch runs on it). The node:http server shares the same
 * core (`createSandboxCore`) without building web objects.
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  return webSandbox(createSandboxCore(options));
}

/** Puts a web `Request`/`Response` face on a sandbox core. */
export function webSandbox(core: SandboxCore): Sandbox {
  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const answer = await core.serve(
      { method: request.method, path: url.pathname, query: url.searchParams, headers, body: () => request.text() },
      () => request.signal,
    );
    // HEAD has no body to cut: it gets its headers, as from the node server.
    if (answer.truncate && request.method !== "HEAD") return truncatedResponse(answer);
    // A web Response refuses any body, even an empty one, with a null-body status (the control API's 204s), and HEAD has none.
    const body = request.method === "HEAD" || NULL_BODY_STATUSES.has(answer.status) ? null : (answer.body as BodyInit);
    return new Response(body, { status: answer.status, headers: answer.headers });
  }
  return { handle, control: core.control };
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** The headers, then half the body, then the stream fails. */
function truncatedResponse(answer: SandboxAnswer): Response {
  const bytes = typeof answer.body === "string" ? new TextEncoder().encode(answer.body) : answer.body;
  const half = bytes.slice(0, Math.floor(bytes.length / 2));
  let sent = false;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (!sent && half.length > 0) {
          sent = true;
          controller.enqueue(half);
        } else {
          controller.error(new TypeError("terminated", { cause: new Error("The sandbox cut the body short (truncate fault)") }));
        }
      },
    },
    // Stryker disable next-line ObjectLiteral: with the default mark the first half is queued before the first read, the same bytes and error either way; see stryker-equivalent.md
    { highWaterMark: 0 },
  );
  return new Response(body, { status: answer.status, headers: answer.headers });
}
