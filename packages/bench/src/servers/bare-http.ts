import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

interface Answer {
  bytes: Buffer;
  headers: Record<string, string>;
}

const answer = (body: string): Answer => {
  const bytes = Buffer.from(body);
  return { bytes, headers: { "content-type": "application/json", "content-length": String(bytes.length) } };
};

/**
 * The machine's limit: a bare node:http server that answers every request with fixed JSON bytes (no parsing,
 * no validation), with keep-alive on. `byQuery` picks another body by the request's exact query string
 * (`username=jack.johnson1` → a page of 1): one Map lookup, the same for every client measured against it.
 */
export async function startBareServer(body: string, byQuery: Record<string, string> = {}): Promise<RunningServer> {
  const fallback = answer(body);
  const answers = new Map(Object.entries(byQuery).map(([query, b]) => [query, answer(b)]));
  const server = http.createServer((req, res) => {
    req.resume();
    const url = req.url ?? "";
    const q = url.indexOf("?");
    const { bytes, headers } = (q >= 0 && answers.get(url.slice(q + 1))) || fallback;
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
