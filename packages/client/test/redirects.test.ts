import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedirectError, createCustomersClient } from "../src/index.js";
import { PAGE, startServer } from "./http-server.js";

// Credentials must never reach another origin: the API server (`api`) redirects to `other`, a server on
// another port (another origin) that records what it received and would hand out its own token.
const CREDENTIALS = { appKey: "app-key-redirect-1", partnerId: "partner-1", partnerSecret: "partner-secret-redirect-1" };
let api: Awaited<ReturnType<typeof startServer>>;
let other: Awaited<ReturnType<typeof startServer>>;
/** status and target of the next redirect the API answers with, per path kind. */
let redirect: { status: number; location: (path: string) => string; on: "token" | "customers" };

beforeAll(async () => {
  other = await startServer((_req, res) => res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ token: "evil-token", ...PAGE })));
  api = await startServer((req, res) => {
    const isToken = req.url!.includes("/partners/authentication");
    if ((isToken ? "token" : "customers") === redirect.on) return res.writeHead(redirect.status, { Location: redirect.location(req.url!) }).end("moved");
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(isToken ? { token: "good-token" } : PAGE));
  });
});
afterAll(async () => {
  await api.close();
  await other.close();
});

describe("redirects", () => {
  for (const on of ["token", "customers"] as const) {
    for (const status of [301, 302, 303, 307, 308]) {
      it(`a ${status} on ${on === "token" ? "CreateToken" : "GetCustomers"} to another origin ends in RedirectError; nothing reaches it, no retry`, async () => {
        redirect = { status, location: (path) => other.url + path, on };
        const before = api.requests.length;
        // A store of its own: the default one is shared by the process's clients, and an earlier test's token
        // would spare this client its CreateToken.
        const client = createCustomersClient({ baseUrl: api.url, ...CREDENTIALS, maxRetries: 2, tokenStore: new Map() });
        const error = await client.getCustomers().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RedirectError);
        expect(error).toMatchObject({ name: "RedirectError", status, location: other.url });
        expect((error as Error).message).toBe(`HTTP ${status} redirect to ${other.url} refused`);
        expect(other.requests).toEqual([]); // no App-Key, Finicity-App-Token or partnerSecret went there
        // One CreateToken, plus one GetCustomers when the redirect is on GetCustomers: no retry.
        expect(api.requests.length - before).toBe(on === "token" ? 1 : 2);
        const text = JSON.stringify(error) + String(error);
        for (const secret of [CREDENTIALS.appKey, CREDENTIALS.partnerSecret, "good-token"]) expect(text).not.toContain(secret);
      });
    }
  }

  it("refuses a same-origin redirect too (documented: the client follows none)", async () => {
    redirect = { status: 302, location: (path) => `${path}&again=1`, on: "customers" };
    const client = createCustomersClient({ baseUrl: api.url, appKey: "k", appToken: "static-token" });
    await expect(client.getCustomers()).rejects.toMatchObject({ name: "RedirectError", status: 302, location: api.url });
  });

  it("refuses https → http (a stub fetch stands for the https server)", async () => {
    const fetch = (async () => new Response(null, { status: 307, headers: { Location: "http://api.example.com/aggregation/v1/customers" } })) as typeof globalThis.fetch;
    const client = createCustomersClient({ baseUrl: "https://api.example.com", appKey: "k", appToken: "t", fetch });
    await expect(client.getCustomers()).rejects.toMatchObject({ name: "RedirectError", status: 307, location: "http://api.example.com" });
  });

  it("treats a browser's opaque redirect (status 0) as RedirectError whose target is unknown, and a fetch that followed one anyway", async () => {
    const opaque = Object.assign(new Response(null), {});
    Object.defineProperty(opaque, "type", { value: "opaqueredirect" });
    Object.defineProperty(opaque, "status", { value: 0 });
    const client = createCustomersClient({ baseUrl: "https://api.example.com", appKey: "k", appToken: "t", fetch: (async () => opaque) as typeof fetch });
    const error = await client.getCustomers().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "RedirectError", status: 0, location: undefined });
    expect((error as Error).message).toContain("hidden by the browser");

    const followed = new Response(JSON.stringify(PAGE), { headers: { "Content-Type": "application/json" } });
    Object.defineProperty(followed, "redirected", { value: true });
    Object.defineProperty(followed, "url", { value: "https://evil.example:8443/x" });
    const ignoring = createCustomersClient({ baseUrl: "https://api.example.com", appKey: "k", appToken: "t", fetch: (async () => followed) as typeof fetch });
    await expect(ignoring.getCustomers()).rejects.toMatchObject({ name: "RedirectError", location: "https://evil.example:8443" });
  });

  it("asks fetch not to follow redirects (redirect: manual) for both operations", async () => {
    const modes: string[] = [];
    const fetch = (async (input: Request, init?: RequestInit) => {
      modes.push(new Request(input, init).redirect);
      return new Response(JSON.stringify({ token: "tok-1", ...PAGE }), { headers: { "Content-Type": "application/json" } });
    }) as typeof globalThis.fetch;
    await createCustomersClient({ baseUrl: "https://api.example.com", ...CREDENTIALS, fetch }).getCustomers();
    expect(modes).toEqual(["manual", "manual"]);
  });
});
