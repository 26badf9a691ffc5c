// A local Get Customers API on node:http (port 0) for the token-sharing, lockout and logging tests: CreateToken
// checks the partner secret and hands out tok"1, tok"2, ...; GET customers accepts only tokens not revoked.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { page } from "./helpers.js";

export const AUTH = "/aggregation/v2/partners/authentication";

export interface ApiServer {
  url: string;
  /** CreateToken requests received, and the secret each one carried. */
  tokenCalls: string[];
  /** GET requests received, with the token each one carried. */
  getTokens: string[];
  /** Tokens handed out, in order. */
  issued: string[];
  /** From now on, GET answers 401 10022 to this token. */
  revoke(token: string): void;
  close(): Promise<void>;
}

export interface ApiServerOptions {
  /** The secret CreateToken accepts; others get 401. */
  secret: string;
  /** How long CreateToken takes, in ms (so concurrent callers overlap). Default 50. */
  tokenDelayMs?: number;
  /** The token to hand out for call n (1-based). Default `tok"n`. */
  tokenFor?: (n: number) => string;
  /** Answers GET with this instead (status, body, headers), when set; may look at the request number. */
  getAnswer?: (n: number) => { status: number; body: unknown; headers?: Record<string, string> } | undefined;
}

const readBody = async (request: IncomingMessage) => {
  let text = "";
  for await (const chunk of request) text += chunk;
  return text;
};

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const tokenCalls: string[] = [];
  const getTokens: string[] = [];
  const issued: string[] = [];
  const revoked = new Set<string>();
  const server: Server = createServer(async (request, response) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { "content-type": "application/json", ...headers });
      response.end(JSON.stringify(body));
    };
    if (request.method === "POST" && request.url === AUTH) {
      const { partnerSecret } = JSON.parse(await readBody(request)) as { partnerSecret: string };
      tokenCalls.push(partnerSecret);
      await new Promise((resolve) => setTimeout(resolve, options.tokenDelayMs ?? 50));
      if (partnerSecret !== options.secret) return send(401, { code: "24302", message: "Invalid credentials" });
      const token = options.tokenFor?.(tokenCalls.length) ?? `tok"${tokenCalls.length}`;
      issued.push(token);
      return send(200, { token });
    }
    const token = String(request.headers["finicity-app-token"]);
    getTokens.push(token);
    const scripted = options.getAnswer?.(getTokens.length);
    if (scripted) return send(scripted.status, scripted.body, scripted.headers);
    if (!issued.includes(token) || revoked.has(token)) return send(401, { code: "10022", message: "Invalid token" });
    send(200, page(["1"], false), { "x-request-id": `req-${getTokens.length}` });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tokenCalls,
    getTokens,
    issued,
    revoke: (token) => void revoked.add(token),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A Keyv-shaped store over a Map that records every key and value written (async, like Keyv). */
export function recordingStore() {
  const map = new Map<string, unknown>();
  const writes: Array<{ key: string; value: unknown; ttl: number | undefined }> = [];
  const deletes: string[] = [];
  return {
    map,
    writes,
    deletes,
    async get(key: string) {
      return map.get(key);
    },
    async set(key: string, value: unknown, ttl?: number) {
      writes.push({ key, value, ttl });
      map.set(key, value);
      return true;
    },
    async delete(key: string) {
      deletes.push(key);
      return map.delete(key);
    },
  };
}

/** A logger that keeps every line, by level. */
export function memoryLogger() {
  const lines: Array<{ level: string; line: string }> = [];
  const at = (level: string) => (line: string) => void lines.push({ level, line });
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error"), of: (level: string) => lines.filter((l) => l.level === level).map((l) => l.line) };
}
