import { vi } from "vitest";
import type { Customer, Customers } from "../src/index.js";

export interface Answer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A fetch stub: answers from a list (the last one repeats), or from a function; records each request. */
export function stubFetch(answers: Answer[] | ((request: Request, index: number) => Answer | Promise<Answer>)) {
  const requests: Request[] = [];
  const fetch = async (input: Request | string | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request);
    const index = requests.length - 1;
    const answer = typeof answers === "function" ? await answers(request, index) : answers[Math.min(index, answers.length - 1)]!;
    const body = answer.body;
    const text = typeof body === "string" ? body : JSON.stringify(body ?? {});
    const contentType = typeof body === "string" ? "text/plain" : "application/json";
    return new Response(text, { status: answer.status ?? 200, headers: { "Content-Type": contentType, ...answer.headers } });
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

export const customer = (id: string): Customer => ({ id, username: `user${id}`, type: "active", createdDate: "1607450357" });

/** A page; `found` is large enough for paging's checks unless given (a page that claims more must end before it). */
export function page(ids: string[], moreAvailable: boolean, found = moreAvailable ? 10_000 : ids.length): Customers {
  return { found, displaying: ids.length, moreAvailable, customers: ids.map(customer) };
}

export const url = (request: Request | undefined) => new URL(request!.url);

/** The real setTimeout, taken before any test fakes the timers. */
const realSetTimeout = globalThis.setTimeout;

/**
 * Runs fake timers until `promise` settles; returns its value or error. Between runs real time passes (5 ms), so
 * real async work the call waits on before it sets its next timer (loading a lazy entry by `import()`, Web Crypto)
 * can finish: running the timers once can return before that timer exists, and the call then never ends.
 * Bounded: at most 2,000 runs.
 */
export async function settleWithFakeTimers<T>(promise: Promise<T>): Promise<T | unknown> {
  let settled = false;
  const caught = promise.catch((error: unknown) => error).finally(() => (settled = true));
  for (let runs = 0; !settled && runs < 2_000; runs++) {
    await vi.runAllTimersAsync();
    if (!settled) await new Promise((resolve) => realSetTimeout(resolve, 5));
  }
  return caught;
}
