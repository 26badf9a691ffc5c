import { TimeoutError } from "./errors.js";

/**
 * One attempt's controller: aborts after `timeoutMs` (reason: a TimeoutError) or when the caller's signal aborts.
 * When the caller's signal has not aborted, an aborted `signal` means the attempt timed out.
 */
export class AttemptController extends AbortController {
  private declare readonly timer: ReturnType<typeof setTimeout>;

  constructor(timeoutMs: number, caller: AbortSignal | undefined) {
    super();
    this.timer = setTimeout(() => this.abort(new TimeoutError(`Request timed out after ${timeoutMs} ms`)), timeoutMs);
    if (caller?.aborted) this.abort(caller.reason);
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent, done() always removes the listener, and a second abort does nothing
    caller?.addEventListener("abort", this, { once: true });
  }

  /** EventListener interface: the caller aborted (no closure per attempt). */
  handleEvent(event: Event): void {
    this.abort((event.target as AbortSignal).reason);
  }

  /** Stops the timer and detaches from the caller's signal (the one given to the constructor). */
  done(caller: AbortSignal | undefined): void {
    clearTimeout(this.timer);
    caller?.removeEventListener("abort", this);
  }
}

/** Waits `ms`, or rejects with the caller's reason as soon as it aborts (the timer stops either way). */
export async function sleep(ms: number, caller: AbortSignal | undefined): Promise<void> {
  const wait = new AttemptController(ms, caller);
  if (!wait.signal.aborted) await new Promise((resolve) => wait.signal.addEventListener("abort", resolve));
  wait.done(caller);
  caller?.throwIfAborted();
}
