import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ErrorMessage } from "@finicity-aggregation/types";
import { authHeaders, explain, getCustomers, startSandbox, WITHOUT_PROXY } from "./helpers.js";
import { createSandboxFetch, parseFaultHeader, SandboxInputError, type RunningSandbox, type SandboxFetch } from "../src/index.js";

const PATH = "/aggregation/v1/customers";

describe("X-Mock-Fault grammar", () => {
  it("parses every item", () => {
    expect(parseFaultHeader("latency=200")).toEqual({ latencyMs: 200 });
    expect(parseFaultHeader("status=429; retry-after=1")).toEqual({ status: 429, retryAfter: 1 });
    expect(parseFaultHeader("status=503;retry-after=Wed, 21 Oct 2026 07:28:00 GMT")).toEqual({
      status: 503,
      retryAfter: "Wed, 21 Oct 2026 07:28:00 GMT",
    });
    expect(parseFaultHeader("drop")).toEqual({ drop: true });
    expect(parseFaultHeader("truncate;content-type=text/html")).toEqual({ truncate: true, contentType: "text/html" });
  });

  it("names the bad item", () => {
    for (const [header, pattern] of [
      ["explode", /"explode" is not a fault/],
      ["status=200", /status must be an HTTP error status/],
      ["latency=soon", /latency must be a whole number/],
      ["retry-after=5", /retry-after needs a status/],
      ["drop=yes", /drop takes no value/],
      ["content-type=html", /content-type must be a media type/],
    ] as const) {
      expect(() => parseFaultHeader(header), header).toThrow(SandboxInputError);
      expect(() => parseFaultHeader(header), header).toThrow(pattern);
    }
  });
});

describe("faults from the sandbox server", () => {
  let mock: RunningSandbox;
  let auth: Record<string, string>;
  beforeAll(async () => {
    mock = await startSandbox({ customers: 10 });
    auth = authHeaders(mock);
  });
  const withFault = (fault: string) => ({ ...auth, "X-Mock-Fault": fault });

  it("answers 429 with Retry-After, through the proxy too (declared in the spec)", async () => {
    for (const base of [mock.directUrl, mock.url]) {
      const answer = await getCustomers<ErrorMessage>(base, withFault("status=429;retry-after=1"));
      expect(answer.status, explain(answer)).toBe(429);
      expect(answer.violations).toBeNull();
      expect(answer.headers.get("retry-after")).toBe("1");
      expect(answer.body).toMatchObject({ code: 429, status: "429" });
    }
  });

  it("answers 500 and 503 bursts for the next N requests, then recovers", async () => {
    mock.sandbox.failNext(2, { status: 503 });
    mock.sandbox.failNext(1, { status: 500 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await getCustomers(mock.url, auth)).status);
    expect(statuses).toEqual([503, 503, 500, 200]);
  });

  it("waits before answering with latency: a later plain request overtakes a delayed one", async () => {
    const order: string[] = [];
    const slow = getCustomers(mock.directUrl, withFault("latency=400")).then((a) => order.push(`slow ${a.status}`));
    const fast = getCustomers(mock.directUrl, auth).then((a) => order.push(`fast ${a.status}`));
    await Promise.all([slow, fast]);
    expect(order).toEqual(["fast 200", "slow 200"]);
  });

  it("drops the connection: fetch rejects with a TypeError", async () => {
    const error = await fetch(`${mock.directUrl}${PATH}`, { headers: withFault("drop") }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect(mock.sandbox.requests.at(-1)).toMatchObject({ status: 0, fault: "drop" });
  });

  it("truncates the body: headers arrive, reading the body fails", async () => {
    const response = await fetch(`${mock.directUrl}${PATH}`, { headers: withFault("truncate") });
    expect(response.status).toBe(200);
    expect(response.headers.get("transfer-encoding")).toBe("chunked");
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it.skipIf(WITHOUT_PROXY)("turns drop and truncate into Prism 500s at the proxy, without hanging", async () => {
    for (const fault of ["drop", "truncate"]) {
      const response = await fetch(`${mock.url}${PATH}`, { headers: withFault(fault), signal: AbortSignal.timeout(10_000) });
      expect(response.status, fault).toBe(500);
      expect(await response.text(), fault).toMatch(/socket hang up|Premature close/);
    }
  });

  it("labels the body with a wrong content type (and the proxy reports the violation)", async () => {
    const direct = await fetch(`${mock.directUrl}${PATH}`, { headers: withFault("content-type=text/html") });
    expect(direct.headers.get("content-type")).toBe("text/html");
    expect(JSON.parse(await direct.text())).toHaveProperty("customers");
    if (WITHOUT_PROXY) return;
    const proxied = await getCustomers(mock.url, withFault("content-type=text/html"));
    expect(proxied.status).toBe(500);
    expect(proxied.violations).toMatch(/media type/);
  });

  it("rejects a malformed fault header with 400 naming the problem", async () => {
    const answer = await getCustomers<ErrorMessage>(mock.url, withFault("status=abc"));
    expect(answer.status, explain(answer)).toBe(400);
    expect(answer.body.message).toMatch(/status/);
  });

  it("applies configured faults to every request and to the first N", async () => {
    const configured = await startSandbox({ customers: 3, faults: { first: { count: 2, fault: { status: 503, retryAfter: 0 } }, always: { contentType: "application/json" } } });
    const headers = authHeaders(configured);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await getCustomers(configured.url, headers)).status);
    expect(statuses).toEqual([503, 503, 200]);
    configured.sandbox.reset();
    expect((await getCustomers(configured.url, headers)).status).toBe(503);
  });

  it("ignores the header when faults.header is false", async () => {
    const plain = await startSandbox({ customers: 3, faults: { header: false } });
    const answer = await getCustomers(plain.url, { ...authHeaders(plain), "X-Mock-Fault": "status=503" });
    expect(answer.status).toBe(200);
  });
});

describe("faults from createSandboxFetch", () => {
  let sandboxFetch: SandboxFetch;
  let headers: Record<string, string>;
  beforeAll(() => {
    sandboxFetch = createSandboxFetch({ customers: 10 });
    headers = { "App-Key": "demo-app-key", "Finicity-App-Token": sandboxFetch.sandbox.issueToken() };
  });
  const get = (fault?: string, init: RequestInit = {}) =>
    sandboxFetch(`http://sandbox.test${PATH}`, { ...init, headers: { ...headers, ...(fault ? { "X-Mock-Fault": fault } : {}) } });

  it("answers normally without a fault", async () => {
    const response = await get();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ found: 10, displaying: 10 });
  });

  it("answers 429 with Retry-After, and 503", async () => {
    const limited = await get("status=429;retry-after=2");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect((await get("status=503")).status).toBe(503);
  });

  it("rejects with a TypeError for drop, like fetch", async () => {
    await expect(get("drop")).rejects.toThrow(TypeError);
    await expect(get("drop")).rejects.toThrow("fetch failed");
    const error = await get("drop").catch((caught: unknown) => caught);
    expect((error as Error).cause).toMatchObject({ name: "ConnectionDroppedError", message: "The sandbox dropped the connection (drop fault)" });
  });

  it("fails reading a truncated body", async () => {
    const response = await get("truncate");
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow(TypeError);
  });

  it("relabels the content type", async () => {
    const response = await get("content-type=text/html");
    expect(response.headers.get("content-type")).toBe("text/html");
  });

  it("waits for latency (checked with fake timers)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      let settled = false;
      const pending = get("latency=200").then((response) => {
        settled = true;
        return response;
      });
      await vi.advanceTimersByTimeAsync(199);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect((await pending).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it("rejects with the signal's reason when aborted during latency", async () => {
    const controller = new AbortController();
    const pending = get("latency=600000", { signal: controller.signal });
    controller.abort(new DOMException("timed out", "TimeoutError"));
    await expect(pending).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("applies failNext bursts", async () => {
    sandboxFetch.sandbox.failNext(2, { status: 500 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get()).status);
    expect(statuses).toEqual([500, 500, 200]);
  });
});
