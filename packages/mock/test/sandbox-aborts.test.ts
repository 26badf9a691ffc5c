// Aborting an in-process call: createSandboxFetch and createSandbox().handle reject with the signal's reason at once
// (already aborted, during a latency fault, while the body is still arriving), an aborted call is never answered
// later (logged with status 0), and no abort listener is left on a signal once a call is over.
import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSandbox, createSandboxFetch } from "../src/index.js";
import { createSandboxCore } from "../src/sandbox/core.js";

const ORIGIN = "http://sandbox.test";
const CUSTOMERS = "/aggregation/v1/customers";
const AUTH = "/aggregation/v2/partners/authentication";
const reason = new DOMException("the caller gave up", "AbortError");

/** Whether `promise` has settled once the microtasks and one turn of the event loop (a real setImmediate) ran. */
async function settledSoon(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

/** Every abort-signal listener added while `run` runs, to check afterwards that none is left on its signal. */
function watchSignalListeners() {
  const added: Array<{ target: AbortSignal; type: string; listener: unknown }> = [];
  const original = AbortSignal.prototype.addEventListener;
  const spy = vi.spyOn(AbortSignal.prototype, "addEventListener").mockImplementation(function (this: AbortSignal, type, listener, options) {
    added.push({ target: this, type, listener });
    return original.call(this, type, listener, options);
  });
  return {
    added,
    /** The listeners added on `signals` that are still there. */
    left(signals: (signal: AbortSignal) => boolean = () => true) {
      return added.filter(({ target, type, listener }) => signals(target) && getEventListeners(target, type).includes(listener as never)).map(({ type }) => type);
    },
    stop: () => spy.mockRestore(),
  };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("createSandboxFetch and an abort signal", () => {
  it("rejects an already aborted call with the reason, without serving or logging it", async () => {
    const sandboxFetch = createSandboxFetch({ customers: 1 });
    await expect(sandboxFetch(`${ORIGIN}${CUSTOMERS}`, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(sandboxFetch.sandbox.requests).toEqual([]);
  });

  it("rejects at once when aborted while the request body is still arriving", async () => {
    const sandboxFetch = createSandboxFetch({ customers: 1 });
    const watch = watchSignalListeners();
    const controller = new AbortController();
    let feed!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (feed = c) });
    const pending = sandboxFetch(`${ORIGIN}${AUTH}`, { method: "POST", headers: { "App-Key": "demo-app-key" }, body, duplex: "half", signal: controller.signal } as RequestInit);
    expect(await settledSoon(pending)).toBe(false);
    controller.abort(reason);
    expect(await settledSoon(pending)).toBe(true);
    await expect(pending).rejects.toBe(reason);
    // The listener fired once and is gone, though the sandbox is still waiting for the body.
    expect(watch.left((signal) => signal !== controller.signal)).toEqual([]);
    feed.close();
    watch.stop();
  });

  it("leaves no abort listener behind after an answer, a refusal or a drop", async () => {
    const sandboxFetch = createSandboxFetch({ customers: 1 });
    const token = sandboxFetch.sandbox.issueToken();
    const watch = watchSignalListeners();
    const controller = new AbortController();
    const get = (fault?: string) =>
      sandboxFetch(`${ORIGIN}${CUSTOMERS}`, {
        headers: { "App-Key": "demo-app-key", "Finicity-App-Token": token, ...(fault === undefined ? {} : { "X-Mock-Fault": fault }) },
        signal: controller.signal,
      });
    expect((await get()).status).toBe(200);
    expect((await get("status=503;latency=1")).status).toBe(503);
    await expect(get("drop")).rejects.toThrow("fetch failed");
    const ours = watch.added.filter(({ target }) => target !== controller.signal);
    expect(ours.length).toBeGreaterThanOrEqual(4); // one per call, and one for the latency's wait
    expect(watch.left((signal) => signal !== controller.signal)).toEqual([]);
    watch.stop();
  });

  it("does not answer an aborted latency call later: it stays logged with status 0", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const sandboxFetch = createSandboxFetch({ customers: 1 });
    const controller = new AbortController();
    const pending = sandboxFetch(`${ORIGIN}${CUSTOMERS}`, { headers: { "X-Mock-Fault": "latency=1000" }, signal: controller.signal });
    await vi.advanceTimersByTimeAsync(500);
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sandboxFetch.sandbox.requests.map((r) => [r.status, r.fault])).toEqual([[0, "latency=1000"]]);
  });

  it("waits only for a latency fault: a status fault is answered without a timer", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const sandboxFetch = createSandboxFetch({ customers: 1 });
    const pending = sandboxFetch(`${ORIGIN}${CUSTOMERS}`, { headers: { "X-Mock-Fault": "status=503" } });
    expect(await settledSoon(pending)).toBe(true);
    expect((await pending).status).toBe(503);
    const zero = sandboxFetch(`${ORIGIN}${CUSTOMERS}`, { headers: { "X-Mock-Fault": "latency=0;status=502" } });
    expect(await settledSoon(zero)).toBe(true);
    expect((await zero).status).toBe(502);
  });
});

describe("createSandbox().handle and the request's signal", () => {
  it("rejects a latency call whose signal is already aborted at once, and never answers it", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { handle, control } = createSandbox({ customers: 1 });
    const pending = handle(new Request(`${ORIGIN}${CUSTOMERS}`, { headers: { "X-Mock-Fault": "latency=1000" }, signal: AbortSignal.abort(reason) }));
    expect(await settledSoon(pending)).toBe(true);
    await expect(pending).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
    expect(control.requests.map((r) => r.status)).toEqual([0]);
  });

  it("rejects with the reason when the signal aborts during the latency, clearing the timer", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { handle, control } = createSandbox({ customers: 1 });
    const controller = new AbortController();
    const request = new Request(`${ORIGIN}${CUSTOMERS}`, { headers: { "X-Mock-Fault": "latency=1000" }, signal: controller.signal });
    const pending = handle(request);
    await vi.advanceTimersByTimeAsync(999);
    expect(await settledSoon(pending)).toBe(false);
    controller.abort(reason);
    expect(await settledSoon(pending)).toBe(true);
    await expect(pending).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
    expect(getEventListeners(request.signal, "abort")).toEqual([]);
    expect(control.requests.map((r) => r.status)).toEqual([0]);
  });

  it("answers after the latency and leaves no listener on the request's signal", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { handle } = createSandbox({ customers: 1 });
    const request = new Request(`${ORIGIN}${CUSTOMERS}`, { headers: { "X-Mock-Fault": "latency=1000" }, signal: new AbortController().signal });
    const pending = handle(request);
    await vi.advanceTimersByTimeAsync(999);
    expect(await settledSoon(pending)).toBe(false);
    expect(getEventListeners(request.signal, "abort")).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).status).toBe(401);
    expect(getEventListeners(request.signal, "abort")).toEqual([]);
  });
});

describe("the core without a signal", () => {
  it("still waits out a latency fault (the signal is optional)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const core = createSandboxCore({ customers: 1 });
    const answer = core.serve({ method: "GET", path: CUSTOMERS, query: new URLSearchParams(), headers: { "x-mock-fault": "latency=1000" }, body: async () => "" });
    expect(answer).toBeInstanceOf(Promise);
    expect(await settledSoon(answer as Promise<unknown>)).toBe(false);
    await vi.advanceTimersByTimeAsync(999);
    expect(await settledSoon(answer as Promise<unknown>)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await answer).toMatchObject({ status: 401 });
  });
});
