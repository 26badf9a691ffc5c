import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { ConnectionDroppedError, isTruncated, type Sandbox } from "./sandbox.js";

export interface RunningSandboxServer {
  /** Base URL, no trailing slash. */
  url: string;
  close(): Promise<void>;
}

const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "retry-after, content-length",
};

/** Serves a sandbox over node:http, bridging to its web Request/Response handler. */
export async function startSandboxServer(sandbox: Sandbox, port: number, host: string): Promise<RunningSandboxServer> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    serve(sandbox, req, res).catch(() => res.socket?.destroy());
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
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

async function serve(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === "OPTIONS") {
    res.writeHead(204, {
      ...CORS_HEADERS,
      "access-control-allow-methods": "GET, POST, OPTIONS",
      "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
      "content-length": "0",
    });
    res.end();
    return;
  }
  const aborter = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) aborter.abort(new Error("The client closed the connection"));
  });
  const request = await toWebRequest(req, aborter.signal);
  let response: Response;
  try {
    response = await sandbox.handle(request);
  } catch (error) {
    if (error instanceof ConnectionDroppedError || aborter.signal.aborted) {
      // A drop fault, or a client that went away during latency: either way, no answer.
      req.socket.destroy();
      return;
    }
    // A sandbox bug: say so plainly rather than hiding it as a network error.
    const body = JSON.stringify({ code: 500, status: "500", message: `Sandbox error: ${(error as Error).message}` });
    res.writeHead(500, { ...CORS_HEADERS, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) }).end(body);
    return;
  }
  const headers: Record<string, string> = { ...CORS_HEADERS };
  response.headers.forEach((value, name) => (headers[name] = value));
  if (response.body === null) {
    res.writeHead(response.status, headers).end();
    return;
  }
  if (!isTruncated(response)) {
    const bytes = Buffer.from(await response.arrayBuffer());
    headers["content-length"] = String(bytes.length);
    res.writeHead(response.status, headers).end(bytes);
    return;
  }
  // A truncate fault: stream with chunked encoding and cut the connection part-way. (Over HTTP, a
  // chunked body that stops is what every client, Prism's proxy included, detects as premature.)
  delete headers["content-length"];
  res.writeHead(response.status, headers);
  res.flushHeaders();
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await new Promise<void>((resolve, reject) => res.write(value, (error) => (error ? reject(error) : resolve())));
    }
    res.end();
  } catch {
    // A truncate fault: the body stream failed part-way, so cut the connection.
    req.socket.destroy();
  }
}

async function toWebRequest(req: IncomingMessage, signal: AbortSignal): Promise<Request> {
  const url = `http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const method = req.method ?? "GET";
  let body: ArrayBuffer | undefined;
  if (method !== "GET" && method !== "HEAD") {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    body = new ArrayBuffer(bytes.length);
    new Uint8Array(body).set(bytes);
  }
  return new Request(url, { method, headers, signal, ...(body === undefined ? {} : { body }) });
}
