import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { type SandboxCore, type SandboxRequest } from "./core.js";
import { ConnectionDroppedError } from "./errors.js";
import { errorAnswer, type SandboxAnswer } from "./responses.js";
import { MAX_REQUEST_BODY_BYTES, readBody } from "./http-body.js";
import { parseTarget, type Target } from "./http-target.js";


export interface RunningSandboxServer {
  /** Base URL, no trailing slash. */
  url: string;
  close(): Promise<void>;
}

const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "retry-after, content-length",
};

/** Idle keep-alive connections stay open this long (node's default is 5 s); `close()` ends them at once. */
const KEEP_ALIVE_TIMEOUT_MS = 60_000;

/**
 * Serves a sandbox core over node:http. No web `Request`/`Response` is built: the node request becomes the
 * core's plain request and the answer is written straight to the node response. Keep-alive is on.
 */
export async function startSandboxServer(core: SandboxCore, port: number, host: string): Promise<RunningSandboxServer> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    try {
      serve(core, req, res);
    } catch {
      // Stryker disable next-line OptionalChaining: equivalent, while the handler runs the response is attached to its socket
      res.socket?.destroy();
    }
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.on("connection", (socket) => {
    sockets.add(socket);
    // Stryker disable next-line StringLiteral,ArrowFunction: not worth a test, only forgets a closed socket (memory); close() destroying it again does nothing
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      // Stryker disable next-line StringLiteral: equivalent, a listener left behind would only reject a settled promise
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function serve(core: SandboxCore, req: IncomingMessage, res: ServerResponse): void {
  // Stryker disable next-line StringLiteral: equivalent, node always sets the method of a server request
  const method = req.method ?? "GET";
  // Stryker disable next-line StringLiteral: equivalent, node always sets the url of a server request
  const target = parseTarget(req.url ?? "");
  if (target === undefined) {
    refuse(res, errorAnswer(400, "14020", "Bad request target: use an origin-form (/path?query) or absolute-form (http://host/path) target"));
    return;
  }
  if (method === "OPTIONS") {
    res.writeHead(204, {
      ...CORS_HEADERS,
      "access-control-allow-methods": "GET, POST, OPTIONS",
      "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
      "content-length": "0",
    });
    res.end();
    return;
  }
  if (method === "GET" || method === "HEAD") {
    // Stryker disable next-line StringLiteral: equivalent, no GET or HEAD route reads the body
    answer(core, req, res, toSandboxRequest(req, method, target, ""));
    return;
  }
  readBody(req).then(
    (body) => {
      if (body === undefined) refuse(res, errorAnswer(413, "413", `Request body larger than ${MAX_REQUEST_BODY_BYTES} bytes`));
      else answer(core, req, res, toSandboxRequest(req, method, target, body));
    },
    // Stryker disable next-line ArrowFunction: equivalent, node itself ends a connection whose request body fails (client gone, half-closed, bad chunks)
    () => req.socket.destroy(),
  );
}

/** Answers before the core sees the request, and closes the connection once the answer is sent. */
function refuse(res: ServerResponse, answer: SandboxAnswer): void {
  const body = answer.body as string;
  // Stryker disable next-line BooleanLiteral: equivalent, the explicit `connection: close` header already makes node close after the answer
  res.shouldKeepAlive = false;
  res
    .writeHead(answer.status, { ...CORS_HEADERS, ...answer.headers, connection: "close", "content-length": String(Buffer.byteLength(body)) })
    .end(body);
}

/** Runs the core; writes its answer at once when it has one, else when it settles. */
function answer(core: SandboxCore, req: IncomingMessage, res: ServerResponse, request: SandboxRequest): void {
  // Only a latency fault waits: the client may go away meanwhile. The signal is made only when asked for.
  let closedEarly = false;
  let aborter: AbortController | undefined;
  const signal = () => {
    if (aborter === undefined) {
      const controller = new AbortController();
      aborter = controller;
      const abort = () => {
        // Stryker disable next-line BooleanLiteral: equivalent, the client is gone: a 500 written instead of cutting the connection reaches nobody
        closedEarly = true;
        controller.abort(new Error("The client closed the connection"));
      };
      if (req.socket.destroyed) abort();
      else res.once("close", () => res.writableFinished || abort());
    }
    return aborter.signal;
  };
  const failed = (error: unknown) => {
    if (error instanceof ConnectionDroppedError || closedEarly) {
      // A drop fault, or a client that went away during latency: either way, no answer.
      req.socket.destroy();
      return;
    }
    // A sandbox bug: say so plainly rather than hiding it as a network error.
    const body = JSON.stringify({ code: 500, status: "500", message: `Sandbox error: ${(error as Error).message}` });
    res.writeHead(500, { ...CORS_HEADERS, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) }).end(body);
  };
  let result: SandboxAnswer | Promise<SandboxAnswer>;
  try {
    result = core.serve(request, signal);
  } catch (error) {
    failed(error);
    return;
  }
  if (result instanceof Promise) {
    result
      .then(
        (settled) => write(req, res, settled),
        (error: unknown) => failed(error),
      )
      .catch(() => req.socket.destroy());
  } else {
    write(req, res, result);
  }
}

function write(req: IncomingMessage, res: ServerResponse, answer: SandboxAnswer): void {
  const headers: Record<string, string> = { ...CORS_HEADERS, ...answer.headers };
  const { body } = answer;
  if (!answer.truncate) {
    // Stryker disable next-line ConditionalExpression: `true` is equivalent (Buffer.byteLength of a Uint8Array is its byteLength); `false` is killed, but one comment covers both
    headers["content-length"] = String(typeof body === "string" ? Buffer.byteLength(body) : body.byteLength);
    res.writeHead(answer.status, headers).end(body);
    return;
  }
  // A truncate fault: send the headers and half the body with chunked encoding, then cut the connection.
  // (Over HTTP, a chunked body that stops is what every client, Prism's proxy included, detects as premature.)
  // Stryker disable next-line ConditionalExpression: `true` is equivalent (Buffer.from copies the same bytes); `false` is killed, but one comment covers both
  const bytes = typeof body === "string" ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const half = bytes.subarray(0, Math.floor(bytes.length / 2));
  res.writeHead(answer.status, headers);
  res.flushHeaders();
  // Stryker disable next-line ConditionalExpression: `false` is equivalent (writing an empty chunk calls back at once, then the same cut); `true` is killed, but one comment covers both
  if (half.length === 0) req.socket.destroy();
  else res.write(half, () => req.socket.destroy());
}

/** The node request as the core's plain request. */
function toSandboxRequest(req: IncomingMessage, method: string, target: Target, body: string): SandboxRequest {
  return { method, path: target.path, query: target.query, headers: req.headers, body: () => Promise.resolve(body) };
}
