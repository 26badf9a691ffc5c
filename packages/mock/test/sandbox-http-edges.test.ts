import { connect } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_REQUEST_BODY_BYTES } from "../src/index.js";
import { DEMO_CREDENTIALS, type RunningSandbox } from "../src/index.js";
import { startSandbox } from "./helpers.js";

let mock: RunningSandbox;
let token: string;
beforeAll(async () => {
  mock = await startSandbox({ customers: 3 });
  token = mock.sandbox.issueToken();
});

/** Sends raw bytes to the server at `base` and collects what comes back until the server closes (or 20 s). */
function raw(base: string, request: string | Buffer, { keepSending = false } = {}): Promise<{ text: string; closedByServer: boolean; sent: number }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let text = "";
    let sent = 0;
    let done = false;
    const finish = (closedByServer: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closedByServer, sent });
    };
    const timer = setTimeout(() => finish(false), 20_000);
    socket.on("data", (chunk) => (text += chunk.toString("latin1")));
    socket.on("end", () => finish(true));
    socket.on("close", () => finish(true));
    socket.on("error", () => finish(true));
    socket.on("connect", () => {
      socket.write(request);
      if (!keepSending) return;
      // Keep streaming 64 KiB chunks as long as the server reads them (up to 300 MB): a server that buffers the
      // whole body would read it all; one that stops at the cap closes the connection after its 413.
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = () => {
        while (!done && sent < 300 * 1024 * 1024) {
          sent += chunk.length;
          if (!socket.write(chunk)) return void socket.once("drain", pump);
        }
      };
      pump();
    });
  });
}

const status = (text: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
const auth = () => `App-Key: ${DEMO_CREDENTIALS.appKey}\r\nFinicity-App-Token: ${token}\r\n`;

describe("request targets (node:http server, raw socket)", () => {
  it("serves an absolute-form target like its origin-form", async () => {
    const { host } = new URL(mock.directUrl);
    const answer = await raw(mock.directUrl, `GET http://${host}/aggregation/v1/customers?limit=2 HTTP/1.1\r\nHost: ${host}\r\n${auth()}Connection: close\r\n\r\n`);
    expect(status(answer.text), answer.text).toBe(200);
    expect(answer.text).toContain('"displaying":2');
  });

  it("answers `*`, a bare word and a target URL parsing rejects with 400, not a closed connection", async () => {
    for (const target of ["*", "customers", "http://[::1/aggregation/v1/customers", "http://exa mple/x"]) {
      const answer = await raw(mock.directUrl, `GET ${target} HTTP/1.1\r\nHost: x\r\n${auth()}Connection: close\r\n\r\n`);
      expect(status(answer.text), `${target}: ${answer.text}`).toBe(400);
    }
    const options = await raw(mock.directUrl, `OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(status(options.text), options.text).toBe(400);
    const star = await raw(mock.directUrl, `GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(star.text).toMatch(/\r\n\r\n\{"code":"14020","message":"Bad request target/);
  });

  it("does not depend on the Host header", async () => {
    const answer = await raw(mock.directUrl, `GET /aggregation/v1/customers?limit=1 HTTP/1.1\r\nHost: not a host\r\n${auth()}Connection: close\r\n\r\n`);
    expect(status(answer.text), answer.text).toBe(200);
  });
});

describe("request body cap", () => {
  it(`answers 413 to a body declared larger than ${MAX_REQUEST_BODY_BYTES} bytes, reading none of it`, async () => {
    const answer = await raw(
      mock.directUrl,
      `POST /aggregation/v2/partners/authentication HTTP/1.1\r\nHost: x\r\nApp-Key: ${DEMO_CREDENTIALS.appKey}\r\nContent-Type: application/json\r\nContent-Length: 314572800\r\n\r\n`,
      { keepSending: true },
    );
    expect(status(answer.text), answer.text.slice(0, 300)).toBe(413);
    expect(answer.text).toMatch(/connection: close/i);
    expect(answer.closedByServer).toBe(true);
    expect(answer.sent).toBeLessThan(300 * 1024 * 1024);
  });

  it("answers 413 to a chunked body once it passes the cap, without reading the rest", async () => {
    const head = `POST /aggregation/v2/partners/authentication HTTP/1.1\r\nHost: x\r\nApp-Key: ${DEMO_CREDENTIALS.appKey}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    // One chunk declaring 300 MB, then its bytes stream in.
    const answer = await raw(mock.directUrl, `${head}${(300 * 1024 * 1024).toString(16)}\r\n`, { keepSending: true });
    expect(status(answer.text), answer.text.slice(0, 300)).toBe(413);
    expect(answer.closedByServer).toBe(true);
    expect(answer.sent).toBeLessThan(300 * 1024 * 1024);
  });

  it("still reads a body at the cap", async () => {
    const body = JSON.stringify({ partnerId: DEMO_CREDENTIALS.partnerId, partnerSecret: DEMO_CREDENTIALS.partnerSecret, pad: "" });
    const padded = body.replace('"pad":""', `"pad":"${"x".repeat(MAX_REQUEST_BODY_BYTES - body.length)}"`);
    expect(padded.length).toBe(MAX_REQUEST_BODY_BYTES);
    const response = await fetch(`${mock.directUrl}/aggregation/v2/partners/authentication`, {
      method: "POST",
      headers: { "App-Key": DEMO_CREDENTIALS.appKey, "Content-Type": "application/json" },
      body: padded,
    });
    expect(response.status).toBe(200);
  });
});

describe("HEAD", () => {
  for (const [name, base] of [["directUrl", () => mock.directUrl], ["url (the proxy)", () => mock.url]] as const) {
    it(`answers HEAD with GET's status and headers and no body at ${name}`, async () => {
      const headers = { "App-Key": DEMO_CREDENTIALS.appKey, "Finicity-App-Token": token };
      const get = await fetch(`${base()}/aggregation/v1/customers?limit=2`, { headers });
      const getBody = await get.arrayBuffer();
      const head = await fetch(`${base()}/aggregation/v1/customers?limit=2`, { method: "HEAD", headers });
      expect(head.status).toBe(200);
      expect(head.headers.get("content-type")).toBe(get.headers.get("content-type"));
      expect(head.headers.get("content-length")).toBe(String(getBody.byteLength));
      expect((await head.arrayBuffer()).byteLength).toBe(0);
      const denied = await fetch(`${base()}/aggregation/v1/customers`, { method: "HEAD", headers: { "App-Key": DEMO_CREDENTIALS.appKey } });
      expect(denied.status).toBe(401);
    });
  }
});

describe("the validating proxy (url) answers as the sandbox does", () => {
  it("serves absolute-form targets and answers `*` with 400", async () => {
    const { host } = new URL(mock.url);
    const absolute = await raw(mock.url, `GET http://${host}/aggregation/v1/customers?limit=1 HTTP/1.1\r\nHost: ${host}\r\n${auth()}Connection: close\r\n\r\n`);
    expect(status(absolute.text), absolute.text).toBe(200);
    for (const target of ["*", "http://[::1/x"]) {
      const answer = await raw(mock.url, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(status(answer.text), `${target}: ${answer.text}`).toBe(400);
    }
  });

  it("answers 413 past the body cap, reading none of the rest", async () => {
    const answer = await raw(
      mock.url,
      `POST /aggregation/v2/partners/authentication HTTP/1.1\r\nHost: x\r\nApp-Key: ${DEMO_CREDENTIALS.appKey}\r\nContent-Type: application/json\r\nContent-Length: 314572800\r\n\r\n`,
      { keepSending: true },
    );
    expect(status(answer.text), answer.text.slice(0, 300)).toBe(413);
    expect(answer.closedByServer).toBe(true);
    expect(answer.sent).toBeLessThan(300 * 1024 * 1024);
  });

  it("answers a malformed CreateToken body with the documented 400 14020, as directUrl does (not Prism's invalid_json)", async () => {
    for (const body of ["{not json", '{"partnerId":"demo-partner",', "[1,"]) {
      const answers = [];
      for (const base of [mock.directUrl, mock.url]) {
        const response = await fetch(`${base}/aggregation/v2/partners/authentication`, {
          method: "POST",
          headers: { "App-Key": DEMO_CREDENTIALS.appKey, "Content-Type": "application/json" },
          body,
        });
        answers.push({ status: response.status, type: response.headers.get("content-type"), body: await response.text(), violations: response.headers.get("sl-violations") });
      }
      const [direct, proxied] = answers;
      expect(proxied, `${body}: ${JSON.stringify(answers)}`).toEqual({ ...direct, violations: null });
      expect(JSON.parse(proxied!.body)).toMatchObject({ code: "14020" });
    }
  });
});
