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

/**
 * Checks an answer before its body is read. Every redirect is refused (RedirectError; the browser's opaque
 * redirect too) and a 2xx whose Content-Length passes `maxBytes` ends in a ResponseTooLargeError; either way the
 * body is cancelled, never read. Returns the cap to read the body with (`cappedBytes`), or 0 when the body can be
 * read as it is: a Content-Length within 90 % of the cap, uncompressed. (A 2xx body over 90 % of the cap that
 * still fits goes through `cappedBytes` too, which reports it to `near`.) An error body's cap is ERROR_BODY_BYTES.
 */
export function guardResponse(response: Response, maxBytes: number, requestUrl: string): number {
  const { status, ok, headers, body } = response;
  const length = +(headers.get("content-length") ?? NaN);
  const cap = ok ? maxBytes : ERROR_BODY_BYTES;
  const redirect = response.type === "opaqueredirect" || response.redirected || (status > 299 && status < 400);
  if (redirect || (ok && length > cap)) {
    void body?.cancel().catch(() => {});
    throw redirect
      ? new RedirectError(status, response.redirected ? response.url : headers.get("location"), requestUrl)
      : new ResponseTooLargeError(status, maxBytes);
  }
  return !body || (length <= cap * 0.9 && !headers.has("content-encoding")) ? 0 : cap;
}

/** `readCapped` of the `./body-cap` entry, loaded on the first body that needs it (then used without waiting). */
let readCapped: typeof BodyCap.readCapped | undefined;

/** The bytes of a body read up to `cap` (body-cap.ts), for a response `guardResponse` gave that cap. */
export const cappedBytes = async (response: Response, cap: number, maxBytes: number, near?: (bytes: number) => void) =>
  (readCapped ??= (await import("@finicity-aggregation/client/body-cap")).readCapped)(response, cap, response.ok && maxBytes, ResponseTooLargeError, near);

/** The Request openapi-fetch builds, with this attempt's signal (see client.ts). */
type AttemptRequest = Request & { attemptSignal?: AbortSignal };

/**
 * The fetch of the `raw` openapi-fetch client: `guardResponse`'s rules, and a body that needs a cap is read
 * within it and handed on in a new Response.
 */
export const guardedFetch =
  (fetch: typeof globalThis.fetch, maxBytes: number, near?: (bytes: number) => void) =>
  async (request: AttemptRequest): Promise<Response> => {
    const response = await fetch(request, { signal: request.attemptSignal, redirect: "manual" });
    const cap = guardResponse(response, maxBytes, request.url);
    return cap ? new Response((await cappedBytes(response, cap, maxBytes, near)) as Uint8Array<ArrayBuffer>, response) : response;
  };
