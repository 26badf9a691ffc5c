import { TimeoutError } from "./errors.js";

/**
 * One attempt's controller: aborts after `timeoutMs` (reason: a TimeoutError) or when the caller's signal aborts.
 * When the caller's signal has not aborted, an aborted `signal` means the attempt timed out.
 */
export class AttemptController extends AbortController {
  private readonly timer: ReturnType<typeof setTimeout>;

  constructor(
    timeoutMs: number,
    private readonly caller: AbortSignal | undefined,
  ) {
    super();
    this.timer = setTimeout(() => this.abort(new TimeoutError(`Request timed out after ${timeoutMs} ms`)), timeoutMs);
    if (caller?.aborted) this.handleEvent();
    caller?.addEventListener("abort", this, { once: true });
  }

  /** EventListener interface: the caller aborted (no closure per attempt). */
  handleEvent(): void {
    this.abort(this.caller?.reason);
  }

  /** Stops the timer and detaches from the caller's signal. */
  done(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener("abort", this);
  }
}

/** Settles like `promise`, but rejects with the signal's reason as soon as the caller aborts. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts (and then stops the timer). */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return raceAbort(new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), signal).finally(() => clearTimeout(timer));
}
