// The node:http server around a stand-in core: the 500 'Sandbox error' answer when the core throws or rejects, a
// connection cut when an answer cannot be written, the abort signal a latency wait gets (client gone, or not),
// truncated bodies cut at exactly half, close() with a request in flight, listen errors and IPv6 URLs.
import { connect, createServer as createNetServer } from "node:net";
import { describe, expect, it } from "vitest";
import type { SandboxCore, SandboxRequest } from "../src/sandbox/core.js";
import { createSandboxCore } from "../src/sandbox/core.js";
import { ConnectionDroppedError } from "../src/sandbox/errors.js";
import type { SandboxAnswer } from "../src/sandbox/responses.js";
import { startSandboxServer, type RunningSandboxServer } from "../src/sandbox/node-server.js";
import { DEMO_CREDENTIALS } from "../src/index.js";
import { parseAnswer, rawExchange } from "./raw-http.js";

type Serve = (request: SandboxRequest, signal?: () => AbortSignal) => SandboxAnswer | Promise<SandboxAnswer>;

/** Runs `body` against a server whose core answers with `serve`; closes the server after. */
async function withServer<T>(serve: Serve, body: (server: RunningSandboxServer) => Promise<T>): Promise<T> {
  const core = { serve, control: undefined } as unknown as SandboxCore;
  const server = await startSandboxServer(core, 0, "127.0.0.1");
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** `promise`, or `fallback` once `ms` pass. */
function within<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  return Promise.race([promise, new Promise<F>((resolve) => setTimeout(() => resolve(fallback), ms))]);
}

const GET = "GET /aggregation/v1/customers HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
const CORS = { "access-control-allow-origin": "*", "access-control-expose-headers": "retry-after, content-length" };

describe("when the core fails", () => {
  const sandboxError = (message: string) => {
    const body = JSON.stringify({ code: 500, status: "500", message: `Sandbox error: ${message}` });
    return {
      status: 500,
      headers: { ...CORS, "content-type": "application/json", "content-length": String(body.length), connection: "close" },
      body,
    };
  };

  it("answers 500 'Sandbox error' when the core throws", async () => {
    const exchange = await withServer(
      () => {
        throw new Error("the store is broken");
      },
      (server) => rawExchange(server.url, GET),
    );
    expect(parseAnswer(exchange.text)).toEqual(sandboxError("the store is broken"));
  });

  it("answers 500 'Sandbox error' when the core's promise rejects", async () => {
    const exchange = await withServer(
      () => Promise.reject(new Error("late failure")),
      (server) => rawExchange(server.url, GET),
    );
    expect(parseAnswer(exchange.text)).toEqual(sandboxError("late failure"));
  });

  it("cuts the connection without an answer for a drop", async () => {
    const exchange = await withServer(
      () => Promise.reject(new ConnectionDroppedError()),
      (server) => rawExchange(server.url, GET),
    );
    expect(exchange).toEqual({ text: "", closedByServer: true });
  });

  it("cuts the connection when an answer cannot be written (a header node refuses), at once or later", async () => {
    const bad: SandboxAnswer = { status: 200, headers: { "x-bad": "line\nbreak" }, body: "{}" };
    for (const serve of [() => ({ ...bad }), () => Promise.resolve({ ...bad })]) {
      const exchange = await withServer(serve, (server) => rawExchange(server.url, GET, 1_500));
      expect(exchange).toEqual({ text: "", closedByServer: true });
    }
  });
});

describe("the abort signal a waiting core gets", () => {
  it("is one signal however often asked, and aborts when the client goes away", async () => {
    const served = deferred<AbortSignal[]>();
    const aborted = deferred<unknown>();
    await withServer(
      (_request, signal) => {
        const signals = [signal!(), signal!()];
        served.resolve(signals);
        signals[0]!.addEventListener("abort", () => aborted.resolve(signals[0]!.reason));
        return new Promise<SandboxAnswer>(() => {});
      },
      async (server) => {
        const socket = connect(Number(new URL(server.url).port), "127.0.0.1");
        socket.write(GET);
        const [first, second] = await served.promise;
        expect(first).toBeInstanceOf(AbortSignal);
        expect(second).toBe(first);
        expect(first!.aborted).toBe(false);
        socket.destroy();
        const reason = await within(aborted.promise, 2_000, "not aborted");
        expect(reason).toEqual(new Error("The client closed the connection"));
      },
    );
  });

  it("is aborted already when the client left before the core asked for it", async () => {
    const served = deferred();
    const ask = deferred();
    const asked = deferred<AbortSignal>();
    await withServer(
      async (_request, signal) => {
        served.resolve();
        await ask.promise;
        asked.resolve(signal!());
        return new Promise<SandboxAnswer>(() => {});
      },
      async (server) => {
        const socket = connect(Number(new URL(server.url).port), "127.0.0.1");
        socket.write(GET);
        await served.promise;
        const closed = new Promise((resolve) => socket.once("close", resolve));
        socket.destroy();
        await closed;
        // Give the server a moment to see the connection go (a late look only makes this test weaker, not fail).
        await new Promise((resolve) => setTimeout(resolve, 100));
        ask.resolve();
        const signal = await asked.promise;
        expect(signal.aborted).toBe(true);
        expect(signal.reason).toEqual(new Error("The client closed the connection"));
      },
    );
  });

  it("is not aborted once the answer has been sent", async () => {
    const asked = deferred<AbortSignal>();
    await withServer(
      async (_request, signal) => {
        asked.resolve(signal!());
        return { status: 200, headers: { "content-type": "application/json" }, body: "{}" };
      },
      async (server) => {
        const exchange = await rawExchange(server.url, GET);
        expect(parseAnswer(exchange.text)).toEqual({
          status: 200,
          headers: { ...CORS, "content-type": "application/json", "content-length": "2", connection: "close" },
          body: "{}",
        });
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect((await asked.promise).aborted).toBe(false);
      },
    );
  });
});

describe("a truncate fault", () => {
  /** The bytes after the header section; what a truncated answer sends as one chunk. */
  const truncated = (text: string) => parseAnswer(text).body;

  it("sends exactly the first half of a text or byte body as one chunk, then cuts the connection", async () => {
    const text = "0123456789abcdefghi"; // 19 bytes: the first 9 are sent
    for (const body of [text, new TextEncoder().encode(`__${text}__`).subarray(2, 21)]) {
      const exchange = await withServer(
        () => Promise.resolve({ status: 200, headers: { "content-type": "text/plain" }, body, truncate: true }),
        (server) => rawExchange(server.url, GET),
      );
      const answer = parseAnswer(exchange.text);
      expect(answer.status).toBe(200);
      expect(answer.headers["transfer-encoding"]).toBe("chunked");
      expect(answer.headers["content-length"]).toBeUndefined();
      expect(truncated(exchange.text)).toBe("9\r\n012345678\r\n");
      expect(exchange.closedByServer).toBe(true);
    }
  });

  it("sends the headers only for an empty body, then cuts the connection", async () => {
    const exchange = await withServer(
      () => Promise.resolve({ status: 503, headers: {}, body: "", truncate: true }),
      (server) => rawExchange(server.url, GET),
    );
    expect(parseAnswer(exchange.text).status).toBe(503);
    expect(truncated(exchange.text)).toBe("");
    expect(exchange.closedByServer).toBe(true);
  });

  it("halves the sandbox's own answers: a customers page and a gateway error", async () => {
    const core = createSandboxCore({ customers: 2 });
    const server = await startSandboxServer(core, 0, "127.0.0.1");
    try {
      const token = core.control.issueToken();
      const request = (fault: string) =>
        `GET /aggregation/v1/customers HTTP/1.1\r\nHost: x\r\nApp-Key: ${DEMO_CREDENTIALS.appKey}\r\nFinicity-App-Token: ${token}\r\nX-Mock-Fault: ${fault}\r\nConnection: close\r\n\r\n`;
      const whole = parseAnswer((await rawExchange(server.url, request("status=503"))).text).body;
      expect(whole).toBe('{"code":503,"status":"503","message":"Service Unavailable"}');
      const page = parseAnswer((await rawExchange(server.url, request("latency=0"))).text).body;
      for (const [fault, full] of [["status=503;truncate", whole], ["truncate", page]] as const) {
        const half = full.slice(0, Math.floor(full.length / 2));
        const exchange = await rawExchange(server.url, request(fault));
        expect(truncated(exchange.text), fault).toBe(`${half.length.toString(16)}\r\n${half}\r\n`);
      }
    } finally {
      await server.close();
    }
  });
});

describe("starting and closing", () => {
  it("closes at once with a request still being answered", async () => {
    const served = deferred();
    const core = {
      serve: () => {
        served.resolve();
        return new Promise<SandboxAnswer>(() => {});
      },
    } as unknown as SandboxCore;
    const server = await startSandboxServer(core, 0, "127.0.0.1");
    const exchange = rawExchange(server.url, GET, 5_000);
    await served.promise;
    expect(await within(server.close().then(() => "closed"), 2_000, "still open")).toBe("closed");
    expect(await exchange).toEqual({ text: "", closedByServer: true });
  });

  it("closes at once with a request half sent", async () => {
    const server = await startSandboxServer(createSandboxCore(), 0, "127.0.0.1");
    const socket = connect(Number(new URL(server.url).port), "127.0.0.1");
    const closed = new Promise((resolve) => socket.once("close", resolve));
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write("GET /aggregation/v1/customers HTTP/1.1\r\nHost: x\r\n");
    // The server has the connection once it answers on another one.
    await rawExchange(server.url, GET);
    expect(await within(server.close().then(() => "closed"), 2_000, "still open")).toBe("closed");
    await closed;
  });

  it("rejects with the listen error when the port is taken", async () => {
    const taken = createNetServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as { port: number };
    try {
      const started = startSandboxServer(createSandboxCore(), port, "127.0.0.1");
      const outcome = await within(started.then(() => "started", (error: NodeJS.ErrnoException) => error.code), 2_000, "hung");
      expect(outcome).toBe("EADDRINUSE");
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it("prints an IPv6 host in brackets, and serves there", async () => {
    const server = await startSandboxServer(createSandboxCore({ customers: 1 }), 0, "::1");
    try {
      expect(server.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      const response = await fetch(`${server.url}/aggregation/v1/customers`);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ code: "10026", message: "App key is missing" });
    } finally {
      await server.close();
    }
  });
});
