/** A request the verifier sends. Query values are raw: they are URL-encoded (`encodeURIComponent`) when sent. */
export interface TestRequest {
  method: "GET" | "POST";
  path: string;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  body?: string;
}

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
  error?: string;
}

/** Thrown by `send` once the request budget (`maxRequests`) is spent. */
export class BudgetExhausted extends Error {
  override name = "BudgetExhausted";
}

export function requestUrl(baseUrl: string, request: TestRequest): string {
  const query = request.query.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join("&");
  return `${baseUrl}${request.path}${query ? `?${query}` : ""}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends raw requests with fetch, one at a time, at most `rate` per second and `maxRequests` in all. It sends
 * exactly what it is given: invalid values included, which is the point.
 */
export class HttpRunner {
  private sentCount = 0;
  private nextSlot = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly limits: { maxRequests: number; rate: number; timeoutMs: number },
  ) {}

  get sent(): number {
    return this.sentCount;
  }

  remaining(): number {
    return this.limits.maxRequests - this.sentCount;
  }

  async send(request: TestRequest): Promise<Exchange> {
    if (this.sentCount >= this.limits.maxRequests) throw new BudgetExhausted(`the request budget of ${this.limits.maxRequests} is spent`);
    this.sentCount += 1;
    const wait = this.nextSlot - Date.now();
    if (wait > 0) await sleep(wait);
    this.nextSlot = Math.max(Date.now(), this.nextSlot) + 1000 / this.limits.rate;

    const url = requestUrl(this.baseUrl, request);
    try {
      const response = await fetch(url, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        redirect: "manual",
        signal: AbortSignal.timeout(this.limits.timeoutMs),
      });
      const text = await response.text();
      const contentType = response.headers.get("content-type") ?? "";
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
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
      return { request, url, error: `${error instanceof Error ? error.message : String(error)}${cause}` };
    }
  }
}
