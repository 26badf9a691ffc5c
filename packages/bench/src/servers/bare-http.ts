import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The machine's limit: a bare node:http server that answers every request with the same JSON bytes
 * (no routing, no parsing, no validation), with keep-alive on.
 */
export async function startBareServer(body: string): Promise<RunningServer> {
  const bytes = Buffer.from(body);
  const headers = { "content-type": "application/json", "content-length": String(bytes.length) };
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, headers);
    res.end(bytes);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
