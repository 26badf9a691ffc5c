import { ConnectionDroppedError, createSandbox, type SandboxControl, type SandboxOptions } from "./sandbox.js";

/** A `fetch` that answers from an in-process sandbox; `.sandbox` drives it. */
export type SandboxFetch = typeof fetch & { sandbox: SandboxControl };

/**
 * An in-process `fetch` with the sandbox's behaviour and no server: pass it to a client in unit tests.
 * Any origin works (e.g. `http://sandbox.test`); only the path and query count. A `drop` fault rejects
 * with `TypeError("fetch failed")`, as fetch does; an aborted signal rejects with the signal's reason.
 */
export function createSandboxFetch(options: SandboxOptions = {}): SandboxFetch {
  const { handle, control } = createSandbox(options);
  const sandboxFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (request.signal.aborted) throw request.signal.reason;
    try {
      return await raceAbort(handle(request), request.signal);
    } catch (error) {
      if (error instanceof ConnectionDroppedError) throw new TypeError("fetch failed", { cause: error });
      throw error;
    }
  };
  return Object.assign(sandboxFetch, { sandbox: control }) as SandboxFetch;
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
