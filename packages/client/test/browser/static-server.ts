import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".cjs": "text/javascript; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

export interface StaticServer {
  /** Origin of the server, e.g. `http://127.0.0.1:41234`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `pages` (exact path -> HTML) and the files under each `mounts` directory (URL prefix -> folder)
 * on a free loopback port. Anything else is a 404.
 */
export async function startStaticServer(mounts: Record<string, string>, pages: Record<string, string>): Promise<StaticServer> {
  const server: Server = createServer(async (request, response) => {
    const pathname = new URL(request.url ?? "/", "http://localhost").pathname;
    try {
      const page = pages[pathname];
      if (page !== undefined) return send(response, 200, TYPES[".html"]!, page);
      for (const [prefix, folder] of Object.entries(mounts)) {
        if (!pathname.startsWith(prefix)) continue;
        const root = resolve(folder);
        const file = resolve(root, decodeURIComponent(pathname.slice(prefix.length)));
        if (!file.startsWith(root + sep)) break; // no escaping the mounted folder
        const body = await readFile(file);
        return send(response, 200, TYPES[extname(file)] ?? "application/octet-stream", body);
      }
      send(response, 404, "text/plain", "not found");
    } catch {
      send(response, 404, "text/plain", "not found");
    }
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done()))),
  };
}

function send(response: import("node:http").ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store" });
  response.end(body);
}
