import type * as BodyCap from "./body-cap.js";
import { RedirectError, ResponseTooLargeError } from "./errors.js";

/**
 * Default `maxResponseBytes`: 32 MiB. The largest legitimate page (1000 customers, every field filled at its
 * longest, in 4-byte UTF-8 characters) is about 4.3 MB (test/response-size.test.ts): a margin of over 7x.
 */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/**
 * An error body is read up to 64 KiB (the API's are under 300 bytes); the rest is never read. Errors keep a text
 * body (or a JSON body cut short) up to 4096 characters, redacted before it is cut: a secret cut in two at the
 * end of what was read (64 KiB is at least 16384 characters) is never kept.
 */
export const ERROR_BODY_BYTES = 65_536;

/** `capBody` of the `./body-cap` entry, loaded on the first body that needs it (then used without waiting). */
let capBody: typeof BodyCap.capBody | undefined;
const loadCapBody = async () => (capBody = (await import("@finicity-aggregation/client/body-cap")).capBody);

/** The Request openapi-fetch builds, with this attempt's signal (see client.ts). */
type AttemptRequest = Request & { attemptSignal?: AbortSignal };

/**
 * Where the client calls fetch: every redirect is refused (RedirectError; the browser's opaque redirect too),
 * a 2xx body longer than `maxBytes` ends in a ResponseTooLargeError as soon as it passes the cap (before
 * reading, when Content-Length says so), and an error body ends at ERROR_BODY_BYTES. The rest of a body is
 * never read (the stream is cancelled). A body whose Content-Length is within the cap, uncompressed, is untouched.
 * A 2xx body larger than 90 % of the cap that still fit is reported to `near` with its size.
 */
export const guardedFetch =
  (fetch: typeof globalThis.fetch, maxBytes: number, near?: (bytes: number) => void) =>
  async (request: AttemptRequest): Promise<Response> => {
    const response = await fetch(request, { signal: request.attemptSignal, redirect: "manual" });
    const { status, ok, headers, body } = response;
    const length = +(headers.get("content-length") ?? NaN);
    const cap = ok ? maxBytes : ERROR_BODY_BYTES;
    const redirect = response.type === "opaqueredirect" || response.redirected || (status > 299 && status < 400);
    if (redirect || (ok && length > cap)) {
      void body?.cancel().catch(() => {});
      throw redirect
        ? new RedirectError(status, response.redirected ? response.url : headers.get("location"), request.url)
        : new ResponseTooLargeError(status, maxBytes);
    }
    // A body that only just fits (over 90 % of the cap) goes through capBody too, which tells `near`.
    return !body || (length <= cap * 0.9 && !headers.has("content-encoding"))
      ? response
      : (capBody ?? (await loadCapBody()))(response, cap, ok && maxBytes, ResponseTooLargeError, near);
  };
