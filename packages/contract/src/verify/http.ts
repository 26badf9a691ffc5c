import type { Expectation } from "./evaluate.js";

/** A request the verifier sends. Query values are raw: they are URL-encoded (`encodeURIComponent`) when sent. */
export interface TestRequest {
  method: "GET" | "POST";
  path: string;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  body?: string;
  /** What `finicity-contract replay` needs to send it again: which credentials, by role, and what it was meant to provoke. */
  replay?: { credentials: CredentialRole; expectation: Expectation };
}

/** Which credentials a request carried: the valid ones, none, or a made-up app key or token beside the valid other one. */
export type CredentialRole = "valid" | "none" | "unknown-app-key" | "unknown-token";

export interface ResponseRecord {
  status: number;
  /** The Content-Type header as sent. */
  contentType: string;
  /** The media type alone, lower case, without parameters ("application/json"). */
  mediaType: string;
  text: string;
}

/** One request and what came back (or the transport error). */
export interface Exchange {
  request: TestRequest;
  url: string;
  response?: ResponseRecord;
  /** The status of an answer whose body was refused (over `maxResponseBytes`); `error` says why. */
  status?: number;
  error?: string;
}

/** What coverage needs of each request sent: the request, and the status and media type that came back. */
export interface SentRecord {
  request: TestRequest;
  status?: number;
  mediaType?: string;
}

/** Thrown by `send` once the request budget (`maxRequests`) is spent. */
export class BudgetExhausted extends Error {
  override name = "BudgetExhausted";
}

/** Why a run stopped before it finished: the server stopped answering, or `maxDurationMs` ran out. */
export interface StopReason {
  reason: "unanswered" | "max-duration";
  detail: string;
}

/** Thrown by `send` once the run must stop early (see `StopReason`). */
export class RunStopped extends Error {
  override name = "RunStopped";
  constructor(readonly stop: StopReason) {
    super(stop.detail);
  }
}

/** The response body grew past `maxResponseBytes`: reading stopped there. */
class BodyTooLarge extends Error {
  override name = "BodyTooLarge";
}

export function requestUrl(baseUrl: string, request: TestRequest): string {
  const query = request.query.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join("&");
  return `${baseUrl}${request.path}${query ? `?${query}` : ""}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads a body as text, `limit` bytes at most: a declared Content-Length over the limit is refused before
 * reading, and a body without one is cancelled as soon as it grows past the limit.
 */
async function readCapped(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLarge(`the response body declares ${declared} bytes, over the limit of ${limit} (maxResponseBytes)`);
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(`the response body grew past the limit of ${limit} bytes (maxResponseBytes); reading stopped there`);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

export interface RunnerLimits {
  maxRequests: number;
  rate: number;
  timeoutMs: number;
  /** Stop the run once this many requests in a row got no answer. */
  maxUnanswered: number;
  /** Stop the run once this much time has passed since the runner was made. */
  maxDurationMs: number;
  /** Read at most this many bytes of a response body. */
  maxResponseBytes: number;
}

/**
 * Sends raw requests with fetch, one at a time, at most `rate` per second and `maxRequests` in all, never past
 * the run's deadline, and never following a redirect. It sends exactly what it is given: invalid values
 * included, which is the point.
 */
export class HttpRunner {
  private sentCount = 0;
  private nextSlot = 0;
  private unanswered = 0;
  private readonly deadline: number;
  private stopped: StopReason | undefined;
  /** Every request sent, with the status and media type of its answer (bodies are not kept here). */
  readonly log: SentRecord[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly limits: RunnerLimits,
  ) {
    this.deadline = Date.now() + limits.maxDurationMs;
  }

  get sent(): number {
    return this.sentCount;
  }

  /** Set once the run must stop early; every later `send` throws `RunStopped`. */
  get stop(): StopReason | undefined {
    if (!this.stopped && Date.now() >= this.deadline) this.stopped = this.durationStop();
    return this.stopped;
  }

  remaining(): number {
    return this.limits.maxRequests - this.sentCount;
  }

  private durationStop(): StopReason {
    return {
      reason: "max-duration",
      detail: `the run stopped at its time limit of ${formatDuration(this.limits.maxDurationMs)} (maxDurationMs / --max-duration) before every phase ran`,
    };
  }

  async send(request: TestRequest): Promise<Exchange> {
    const exchange = await this.exchange(request);
    this.log.push({ request, ...(exchange.response ? { status: exchange.response.status, mediaType: exchange.response.mediaType } : exchange.status === undefined ? {} : { status: exchange.status }) });
    return exchange;
  }

  private async exchange(request: TestRequest): Promise<Exchange> {
    const stop = this.stop;
    if (stop) throw new RunStopped(stop);
    if (this.sentCount >= this.limits.maxRequests) throw new BudgetExhausted(`the request budget of ${this.limits.maxRequests} is spent`);
    const wait = this.nextSlot - Date.now();
    if (wait > 0) await sleep(Math.min(wait, Math.max(0, this.deadline - Date.now())));
    if (Date.now() >= this.deadline) throw new RunStopped((this.stopped = this.durationStop()));
    this.sentCount += 1;
    this.nextSlot = Math.max(Date.now(), this.nextSlot) + 1000 / this.limits.rate;

    const url = requestUrl(this.baseUrl, request);
    const left = this.deadline - Date.now();
    const cutByDeadline = left < this.limits.timeoutMs;
    try {
      const response = await fetch(url, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        redirect: "manual",
        signal: AbortSignal.timeout(Math.max(1, Math.min(this.limits.timeoutMs, left))),
      });
      const contentType = response.headers.get("content-type") ?? "";
      let text: string;
      try {
        text = await readCapped(response, this.limits.maxResponseBytes);
      } catch (error) {
        if (!(error instanceof BodyTooLarge)) throw error;
        this.unanswered = 0;
        return { request, url, status: response.status, error: error.message };
      }
      this.unanswered = 0;
      return {
        request,
        url,
        response: {
          status: response.status,
          contentType,
          mediaType: (contentType.split(";")[0] ?? "").trim().toLowerCase(),
          text,
        },
      };
    } catch (error) {
      if (cutByDeadline && Date.now() >= this.deadline) throw new RunStopped((this.stopped = this.durationStop()));
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
      this.unanswered += 1;
      if (this.unanswered >= this.limits.maxUnanswered) {
        this.stopped = {
          reason: "unanswered",
          detail: `the server stopped answering: ${this.unanswered} requests in a row got no answer, so the run stopped early`,
        };
      }
      return { request, url, error: `${error instanceof Error ? error.message : String(error)}${cause}` };
    }
  }
}

export function formatDuration(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Math.round(ms / 100) / 10} s`;
}
