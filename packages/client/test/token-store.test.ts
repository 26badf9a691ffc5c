// (Timeouts are upper bounds for a loaded machine; nothing here waits a fixed time.)
// Tokens shared through `tokenStore`: one CreateToken per token life across clients and processes, a rejected
// token gone for everyone, nothing secret in the store, and a failing store that only costs a warning.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import Keyv from "keyv";
import { afterEach, describe, expect, it } from "vitest";
import { createCustomersClient, type TokenStore } from "../src/index.js";
import { memoryLogger, recordingStore, startApiServer, type ApiServer } from "./api-server.js";

const SECRET = 'SEC"RET-0123abcd';
const APP_KEY = 'KEY"5f1e2d3c';
let server: ApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
let partners = 0;
const credentials = () => ({ appKey: APP_KEY, partnerId: `partner-${++partners}`, partnerSecret: SECRET });

describe("tokenStore", { timeout: 30_000 }, () => {
  it("lets two clients on one store make one CreateToken, at once and one after the other", async () => {
    server = await startApiServer({ secret: SECRET });
    const store = recordingStore();
    const options = { ...credentials(), baseUrl: server.url, tokenStore: store };
    const [a, b] = [createCustomersClient(options), createCustomersClient(options)];
    await Promise.all([a.getCustomers(), b.getCustomers(), a.getCustomers(), b.getCustomers()]);
    expect(server.tokenCalls).toHaveLength(1);
    await createCustomersClient(options).getCustomers(); // a third, later: reads the store
    expect(server.tokenCalls).toHaveLength(1);
    expect(server.getTokens).toEqual(Array(5).fill('tok"1'));
  });

  it("works with a Keyv as it is (its in-memory adapter here; Redis through @keyv/redis is the same API)", async () => {
    server = await startApiServer({ secret: SECRET });
    const tokenStore = new Keyv();
    const options = { ...credentials(), baseUrl: server.url, tokenStore };
    await Promise.all([createCustomersClient(options).getCustomers(), createCustomersClient(options).getCustomers()]);
    await createCustomersClient(options).getCustomers();
    expect(server.tokenCalls).toHaveLength(1);
    server.revoke('tok"1');
    await createCustomersClient(options).getCustomers(); // reads tok"1, rejected, deleted, renewed
    expect(server.issued).toEqual(['tok"1', 'tok"2']);
  });

  it("shares tokens by default among the clients of one process with the same credentials, not others", async () => {
    server = await startApiServer({ secret: SECRET });
    const options = { ...credentials(), baseUrl: server.url };
    await createCustomersClient(options).getCustomers();
    await createCustomersClient(options).getCustomers();
    expect(server.tokenCalls).toHaveLength(1);
    await createCustomersClient({ ...options, partnerId: "another" }).getCustomers();
    await createCustomersClient({ ...options, baseUrl: `${server.url}/` }).getCustomers(); // the same URL
    expect(server.tokenCalls).toHaveLength(2);
  });

  it("deletes a token the API rejects, so every client renews (one CreateToken for all of them)", async () => {
    server = await startApiServer({ secret: SECRET });
    const store = recordingStore();
    const options = { ...credentials(), baseUrl: server.url, tokenStore: store };
    const [a, b] = [createCustomersClient(options), createCustomersClient(options)];
    await a.getCustomers();
    await b.getCustomers();
    server.revoke('tok"1');
    await a.getCustomers(); // 401 10022 → deleted from the store → tok"2
    expect(store.deletes.filter((key) => !key.endsWith(":lock"))).toHaveLength(1); // not counting the CreateToken lock
    expect(server.tokenCalls).toHaveLength(2);
    await b.getCustomers(); // its tok"1 is rejected too; it finds tok"2 in the store
    expect(server.tokenCalls).toHaveLength(2);
    expect(server.getTokens).toEqual(['tok"1', 'tok"1', 'tok"1', 'tok"2', 'tok"1', 'tok"2']);
  });

  it("keeps the secret and app key out of every key and value it writes (nor their SHA-256)", async () => {
    server = await startApiServer({ secret: SECRET });
    const store = recordingStore();
    const options = { ...credentials(), baseUrl: server.url, tokenStore: store };
    await createCustomersClient(options).getCustomers();
    await createCustomersClient({ ...options, partnerSecret: "wrong" }).getCustomers().catch(() => undefined); // not written: a token is there
    store.map.clear();
    await createCustomersClient({ ...options, partnerId: "p-rejected", partnerSecret: SECRET.replace("0", "9") }).getCustomers().catch(() => undefined);
    const written = JSON.stringify([...store.writes, ...store.map]);
    expect(store.writes.some((w) => (w.value as { tag?: string }).tag)).toBe(true); // the rejection was recorded
    const forms = [SECRET, SECRET.replace("0", "9"), APP_KEY].flatMap((s) => [
      s,
      JSON.stringify(s).slice(1, -1),
      createHash("sha256").update(s).digest("hex"),
      createHash("sha256").update(s).digest("base64"),
    ]);
    for (const form of forms) expect(written, `store holds ${form}`).not.toContain(form);
    expect(store.writes.find((w) => (w.value as { token?: string }).token)?.value).toMatchObject({ token: 'tok"1', expiresAt: expect.any(Number) });
  });

  it.each([
    ["throws", { get: () => { throw new Error("store down"); }, set: () => { throw new Error("store down"); }, delete: () => { throw new Error("store down"); } }],
    ["rejects", { get: async () => Promise.reject(new Error("store down")), set: async () => Promise.reject(new Error("store down")), delete: async () => true }],
    ["never answers", { get: () => new Promise(() => {}), set: () => new Promise(() => {}), delete: () => new Promise(() => {}) }],
  ] as Array<[string, TokenStore]>)("still calls when the store %s: its own token, and a warning", { timeout: 30_000 }, async (_, tokenStore) => {
    server = await startApiServer({ secret: SECRET });
    const logger = memoryLogger();
    const client = createCustomersClient({ ...credentials(), baseUrl: server.url, tokenStore, logger });
    await expect(client.getCustomers()).resolves.toMatchObject({ displaying: 1 });
    await expect(client.getCustomers()).resolves.toMatchObject({ displaying: 1 });
    expect(server.tokenCalls).toHaveLength(1); // kept by the client itself
    expect(logger.of("warn").join("\n")).toMatch(/token store get failed \((Error|StoreTimeout)\); using this client's own token/);
  });
});

describe("tokenStore across processes", () => {
  it("lets two processes on one store (a loopback store server) make one CreateToken", { timeout: 60_000 }, async () => {
    server = await startApiServer({ secret: SECRET, tokenDelayMs: 300 });
    // The shared store: a Map served over HTTP (GET/PUT/DELETE /key), like a small Redis.
    const map = new Map<string, string>();
    const storeServer = createServer(async (request, response) => {
      const key = decodeURIComponent(request.url!.slice(1));
      let body = "";
      for await (const chunk of request) body += chunk;
      if (request.method === "PUT") map.set(key, body);
      if (request.method === "DELETE") map.delete(key);
      response.end(request.method === "GET" ? (map.get(key) ?? "") : "");
    });
    await new Promise<void>((resolve) => storeServer.listen(0, "127.0.0.1", resolve));
    const storeUrl = `http://127.0.0.1:${(storeServer.address() as AddressInfo).port}`;
    const worker = fileURLToPath(new URL("./fixtures/fleet-worker.mjs", import.meta.url));
    const env = { ...process.env, API_URL: server.url, STORE_URL: storeUrl, PARTNER_SECRET: SECRET, APP_KEY };
    const run = () =>
      new Promise<string>((resolve, reject) =>
        execFile(process.execPath, [worker], { env, timeout: 45_000 }, (error, stdout, stderr) =>
          error ? reject(new Error(`worker failed: ${error.message}\n${stderr}`)) : resolve(`${stdout}${stderr}`.trim()),
        ),
      );
    try {
      const outputs = await Promise.all([run(), run()]);
      expect(outputs).toEqual(["ok 1", "ok 1"]);
      expect(server.tokenCalls, `CreateToken calls; store now holds ${[...map.keys()].join(", ")}`).toHaveLength(1);
      expect(server.getTokens).toEqual(['tok"1', 'tok"1']);
    } finally {
      await new Promise((resolve) => storeServer.close(resolve));
    }
  });
});
