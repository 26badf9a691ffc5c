/**
 * Retry rules, in one place.
 * - GET: network errors, timeouts, 408, 429 and 5xx. The token call: network errors, timeouts and 5xx only
 *   (a 401 from it is never retried: five failed authentications lock the partner account).
 * - Never 400, 401, 403 or 404; never after the caller aborted.
 * - Delay: 0.5 s × 2^attempt, capped at 8 s, minus up to 25 % jitter; a `Retry-After` (seconds or an
 *   HTTP date) up to 60 s replaces it. A longer `Retry-After` ends the retries: the error is thrown.
 */
export const INITIAL_DELAY_MS = 500;
export const MAX_DELAY_MS = 8000;
export const MAX_RETRY_AFTER_MS = 60_000;

/** Whether an answer with this status may be retried. */
export function isRetryableStatus(status: number, isGet: boolean): boolean {
  return status >= 500 || (isGet && (status === 408 || status === 429));
}

/** Milliseconds to wait before retry number `attempt` (0-based), or -1 when `Retry-After` asks for too long. */
export function retryDelayMs(attempt: number, retryAfter?: string | null): number {
  // Seconds, else an HTTP date. ("0" seconds is falsy and falls through to a date in the past: no wait either.)
  const ms = retryAfter ? Number(retryAfter) * 1000 || Date.parse(retryAfter) - Date.now() : NaN;
  if (!Number.isNaN(ms)) return ms > MAX_RETRY_AFTER_MS ? -1 : Math.max(0, ms);
  return Math.min(INITIAL_DELAY_MS * 2 ** attempt, MAX_DELAY_MS) * (1 - Math.random() * 0.25);
}
