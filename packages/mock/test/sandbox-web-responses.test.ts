// The web Response the in-process sandbox builds (createSandboxFetch, webSandbox): a truncate fault sends the
// status, the headers and exactly the first half of the body's bytes, then fails with fetch's TypeError
// "terminated" and its cause; HEAD gets GET's status and headers without a body.
import { describe, expect, it } from "vitest";
import { createSandboxFetch } from "../src/index.js";
import { webSandbox } from "../src/sandbox/sandbox.js";
import type { SandboxCore } from "../src/sandbox/core.js";
import type { SandboxAnswer } from "../src/sandbox/responses.js";

const ORIGIN = "http://sandbox.test";
const CUSTOMERS = "/aggregation/v1/customers";
const TERMINATED = { name: "TypeError", message: "terminated", cause: { name: "Error", message: "The sandbox cut the body short (truncate fault)" } };

function headersOf(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

/** Reads the body chunk by chunk: the bytes received, then the error that ended it (undefined when it ended cleanly). */
async function readAll(response: Response): Promise<{ chunks: number[][]; error: unknown }> {
  const reader = response.body!.getReader();
  const chunks: number[][] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { chunks, error: undefined };
      chunks.push(Array.from(value));
    }
  } catch (error) {
    const { name, message, cause } = error as Error;
    return { chunks, error: { name, message, cause: cause === undefined ? undefined : { name: (cause as Error).name, message: (cause as Error).message } } };
  }
}

const firstHalf = (bytes: Uint8Array) => Array.from(bytes.slice(0, Math.floor(bytes.length / 2)));

describe("a truncate fault in process", () => {
  const sandboxFetch = createSandboxFetch({ customers: 5 });
  const token = sandboxFetch.sandbox.issueToken();
  const get = (headers: Record<string, string>) => sandboxFetch(`${ORIGIN}${CUSTOMERS}?limit=3`, { headers: { "App-Key": "demo-app-key", ...headers } });

  it("sends the first half of a page (a cached byte body), then fails", async () => {
    const whole = new Uint8Array(await (await get({ "Finicity-App-Token": token })).arrayBuffer());
    expect(whole.length).toBeGreaterThan(100);
    const truncated = await get({ "Finicity-App-Token": token, "X-Mock-Fault": "truncate" });
    expect({ status: truncated.status, headers: headersOf(truncated) }).toEqual({ status: 200, headers: { "content-type": "application/json" } });
    expect(await readAll(truncated)).toEqual({ chunks: [firstHalf(whole)], error: TERMINATED });
  });

  it("sends the first half of an error (a text body) with its status and headers, then fails", async () => {
    const whole = new TextEncoder().encode(JSON.stringify({ code: "10024", message: "Token is missing" }));
    const truncated = await get({ "X-Mock-Fault": "truncate" });
    expect({ status: truncated.status, headers: headersOf(truncated) }).toEqual({ status: 401, headers: { "content-type": "application/json" } });
    expect(await readAll(truncated)).toEqual({ chunks: [firstHalf(whole)], error: TERMINATED });
  });

  it("keeps a status fault's status and Retry-After, and an odd length rounds the half down", async () => {
    const whole = new TextEncoder().encode(JSON.stringify({ code: 503, status: "503", message: "Service Unavailable" }));
    expect(whole.length % 2).toBe(1);
    const truncated = await get({ "X-Mock-Fault": "status=503;retry-after=3;truncate" });
    expect({ status: truncated.status, headers: headersOf(truncated) }).toEqual({ status: 503, headers: { "content-type": "application/json", "retry-after": "3" } });
    expect(await readAll(truncated)).toEqual({ chunks: [firstHalf(whole)], error: TERMINATED });
  });
});

describe("webSandbox on answers the API never gives", () => {
  const core = (answer: SandboxAnswer): SandboxCore => ({ serve: () => answer, control: undefined as never });
  const handle = (answer: SandboxAnswer, method = "GET") => webSandbox(core(answer)).handle(new Request(`${ORIGIN}/x`, { method }));

  it("fails a truncated body of one byte or none at once, sending no empty chunk", async () => {
    for (const body of ["", "x", new Uint8Array([7])]) {
      const response = await handle({ status: 200, headers: { "content-type": "text/plain" }, body, truncate: true });
      expect(await readAll(response), String(body)).toEqual({ chunks: [], error: TERMINATED });
    }
  });

  it("sends a byte body as it is, and no body for HEAD or a null-body status", async () => {
    const bytes = new Uint8Array([123, 125]);
    expect(Array.from(new Uint8Array(await (await handle({ status: 200, headers: {}, body: bytes })).arrayBuffer()))).toEqual([123, 125]);
    const head = await handle({ status: 200, headers: { "content-type": "application/json" }, body: "{}" }, "HEAD");
    expect({ status: head.status, headers: headersOf(head), body: head.body }).toEqual({ status: 200, headers: { "content-type": "application/json" }, body: null });
    for (const status of [204, 205, 304]) {
      const empty = await handle({ status, headers: {}, body: "" });
      expect({ status: empty.status, body: empty.body }).toEqual({ status, body: null });
    }
  });
});

describe("HEAD in process", () => {
  it("answers GET's status and headers with no body", async () => {
    const sandboxFetch = createSandboxFetch({ customers: 3 });
    const headers = { "App-Key": "demo-app-key", "Finicity-App-Token": sandboxFetch.sandbox.issueToken() };
    const head = await sandboxFetch(`${ORIGIN}${CUSTOMERS}?limit=2`, { method: "HEAD", headers });
    expect({ status: head.status, headers: headersOf(head), body: await head.text() }).toEqual({ status: 200, headers: { "content-type": "application/json" }, body: "" });
    const denied = await sandboxFetch(`${ORIGIN}${CUSTOMERS}`, { method: "HEAD" });
    expect({ status: denied.status, headers: headersOf(denied), body: await denied.text() }).toEqual({ status: 401, headers: { "content-type": "application/json" }, body: "" });
    expect(sandboxFetch.sandbox.requests.map((r) => [r.method, r.status])).toEqual([
      ["HEAD", 200],
      ["HEAD", 401],
    ]);
  });

  it("has no body to cut with a truncate fault: the headers, and the body ends cleanly, as from the node server", async () => {
    const sandboxFetch = createSandboxFetch({ customers: 3 });
    const headers = { "App-Key": "demo-app-key", "Finicity-App-Token": sandboxFetch.sandbox.issueToken(), "X-Mock-Fault": "truncate" };
    const head = await sandboxFetch(`${ORIGIN}${CUSTOMERS}?limit=2`, { method: "HEAD", headers });
    expect({ status: head.status, headers: headersOf(head), body: await head.text() }).toEqual({ status: 200, headers: { "content-type": "application/json" }, body: "" });
    expect(sandboxFetch.sandbox.requests.at(-1)).toMatchObject({ method: "HEAD", status: 200, fault: "truncate" });
  });
});
