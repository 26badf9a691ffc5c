// The 64 KiB request body cap of the node:http server: a declared oversize body is refused at once (413, exact
// answer, Connection: close) without waiting for it; GET and HEAD bodies are never read; readBody on its own.
import { PassThrough } from "node:stream";
import type { IncomingMessage } from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_CREDENTIALS, MAX_REQUEST_BODY_BYTES, type RunningSandbox } from "../src/index.js";
import { readBody } from "../src/sandbox/http-body.js";
import { startSandbox } from "./helpers.js";
import { parseAnswer, rawExchange } from "./raw-http.js";

let mock: RunningSandbox;
let token: string;
beforeAll(async () => {
  mock = await startSandbox({ customers: 2 });
  token = mock.sandbox.issueToken();
});

const TOO_LARGE = {
  status: 413,
  headers: {
    "access-control-allow-origin": "*",
    "access-control-expose-headers": "retry-after, content-length",
    "content-type": "application/json",
    connection: "close",
    "content-length": "63",
  },
  body: '{"code":"413","message":"Request body larger than 65536 bytes"}',
};

describe("the body cap over HTTP", () => {
  it("answers a declared oversize body with 413 before any of it arrives, and closes the connection", async () => {
    const exchange = await rawExchange(
      mock.directUrl,
      `POST /aggregation/v2/partners/authentication HTTP/1.1\r\nHost: x\r\nApp-Key: ${DEMO_CREDENTIALS.appKey}\r\nContent-Type: application/json\r\nContent-Length: ${MAX_REQUEST_BODY_BYTES + 1}\r\n\r\n`,
    );
    expect(parseAnswer(exchange.text)).toEqual(TOO_LARGE);
    expect(exchange.closedByServer).toBe(true);
  });

  it("answers a chunked body that passes the cap with the same 413", async () => {
    const chunk = "x".repeat(MAX_REQUEST_BODY_BYTES + 1);
    const exchange = await rawExchange(
      mock.directUrl,
      `POST /aggregation/v2/partners/authentication HTTP/1.1\r\nHost: x\r\nApp-Key: ${DEMO_CREDENTIALS.appKey}\r\nTransfer-Encoding: chunked\r\n\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n`,
    );
    expect(parseAnswer(exchange.text)).toEqual(TOO_LARGE);
    expect(exchange.closedByServer).toBe(true);
  });

  it("does not read the body of a GET or HEAD, however large", async () => {
    const body = "y".repeat(MAX_REQUEST_BODY_BYTES + 10);
    for (const method of ["GET", "HEAD"]) {
      const exchange = await rawExchange(
        mock.directUrl,
        `${method} /aggregation/v1/customers?limit=1 HTTP/1.1\r\nHost: x\r\nApp-Key: ${DEMO_CREDENTIALS.appKey}\r\nFinicity-App-Token: ${token}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      );
      const answer = parseAnswer(exchange.text);
      expect(answer.status, `${method}: ${exchange.text.slice(0, 300)}`).toBe(200);
      expect(answer.headers["content-type"]).toBe("application/json");
      if (method === "GET") expect(JSON.parse(answer.body)).toMatchObject({ found: 2, displaying: 1 });
      else expect(answer.body).toBe("");
    }
  });
});

/** A stand-in for node's request: a stream with headers. */
function fakeRequest(headers: Record<string, string> = {}) {
  const stream = new PassThrough();
  const listening = () => ["data", "end", "error"].map((name) => stream.listenerCount(name));
  return { stream, req: Object.assign(stream, { headers }) as unknown as IncomingMessage, listening };
}

describe("readBody", () => {
  it("reads the body as UTF-8 text, then lets go of the request", async () => {
    const { stream, req, listening } = fakeRequest({ "content-length": "6" });
    const body = readBody(req);
    expect(listening()).toEqual([1, 1, 1]);
    stream.write(Buffer.from([0x7b, 0xc3]));
    stream.end(Buffer.from([0xa9, 0x7d]));
    expect(await body).toBe("{\u00e9}");
    expect(listening()).toEqual([0, 0, 0]);
  });

  it("gives up past the cap as the body streams in, and lets go of the request", async () => {
    const { stream, req, listening } = fakeRequest();
    const body = readBody(req);
    stream.write(Buffer.alloc(MAX_REQUEST_BODY_BYTES, 0x61));
    stream.write(Buffer.alloc(1, 0x61));
    expect(await body).toBeUndefined();
    expect(listening()).toEqual([0, 0, 0]);
  });

  it("refuses a declared length over the cap without listening at all", async () => {
    const { req, listening } = fakeRequest({ "content-length": String(MAX_REQUEST_BODY_BYTES + 1) });
    expect(await readBody(req)).toBeUndefined();
    expect(listening()).toEqual([0, 0, 0]);
  });

  it("rejects with the request's error (a client gone mid-body), and lets go of the request", async () => {
    const { stream, req, listening } = fakeRequest({ "content-length": "100" });
    const body = readBody(req);
    stream.write("{");
    const reset = new Error("aborted");
    stream.destroy(reset);
    await expect(body).rejects.toBe(reset);
    expect(listening()).toEqual([0, 0, 0]);
  });
});
