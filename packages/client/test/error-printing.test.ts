import { createServer } from "node:net";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { BadRequestError, ConnectionError, createCustomersClient } from "../src/index.js";
import { stubFetch } from "./helpers.js";

// Errors print like Node's own: inspect shows `Name: message`, the stack and the fields; JSON has name,
// message and fields; a ConnectionError names the underlying code and the host.

async function badRequest() {
  const stub = stubFetch([{ status: 400, body: { code: "41004", message: "Limit cannot be less than one" }, headers: { "X-Request-Id": "req-9" } }]);
  const client = createCustomersClient({ appKey: "app-key-print", appToken: "token-print", fetch: stub.fetch });
  return (await client.getCustomers().catch((e: unknown) => e)) as BadRequestError;
}

describe("printing errors", () => {
  it("util.inspect (console.log) shows `Name: message`, the stack and the fields", async () => {
    const text = inspect(await badRequest());
    expect(text).toMatch(/^BadRequestError: HTTP 400, code 41004: Limit cannot be less than one\n\s+at /);
    expect(text).toContain("status: 400");
    expect(text).toContain("code: '41004'");
    expect(text).toContain("requestId: 'req-9'");
  });

  it("JSON.stringify gives name, message and the fields", async () => {
    expect(JSON.parse(JSON.stringify(await badRequest()))).toEqual({
      name: "BadRequestError",
      message: "HTTP 400, code 41004: Limit cannot be less than one",
      status: 400,
      code: "41004",
      body: { code: "41004", message: "Limit cannot be less than one" },
      requestId: "req-9",
    });
  });

  it("a server's control characters are escaped in the message (text and JSON bodies), kept as sent in body", async () => {
    const hostile = "\u001b]0;pwned\u0007\u001b[2J\u009b31m done\r\nfake line";
    const stub = stubFetch([
      { status: 400, body: hostile, headers: { "Content-Type": "text/plain" } },
      { status: 400, body: { code: "4\u001b[1m1", message: hostile } },
    ]);
    const client = createCustomersClient({ appKey: "app-key-print", appToken: "token-print", fetch: stub.fetch });
    const text = (await client.getCustomers().catch((e: unknown) => e)) as BadRequestError;
    const json = (await client.getCustomers().catch((e: unknown) => e)) as BadRequestError;
    const escaped = "\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m done\\u000d\\u000afake line";
    expect(text.message).toBe(`HTTP 400: ${escaped}`);
    expect(json.message).toBe(`HTTP 400, code 4\\u001b[1m1: ${escaped}`);
    for (const error of [text, json]) {
      expect(error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      expect(inspect(error).split("\n")[0]).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    }
    expect(text.body).toBe(hostile);
    expect(json.body).toEqual({ code: "4\u001b[1m1", message: hostile });
  });

  it("a refused connection: the message names ECONNREFUSED and the host; inspect shows the cause", async () => {
    // A port that was free a moment ago and is closed now.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const client = createCustomersClient({ baseUrl: `http://127.0.0.1:${port}`, appKey: "k", appToken: "t", maxRetries: 0 });
    const error = await client.getCustomers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toBe(`Request to 127.0.0.1:${port} failed (ECONNREFUSED): TypeError: fetch failed`);
    expect(inspect(error)).toMatch(/cause: TypeError: fetch failed/);
  });

  it("an unknown host: the message names the DNS code and the host", async () => {
    const client = createCustomersClient({ baseUrl: "http://no-such-host.invalid", appKey: "k", appToken: "t", maxRetries: 0 });
    const error = await client.getCustomers().catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^Request to no-such-host\.invalid failed \((ENOTFOUND|EAI_AGAIN)\)/);
  });

  it("a certificate error nested in undici's cause chain is named", async () => {
    const fetch = (async () => {
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("self-signed certificate"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" }) });
    }) as typeof globalThis.fetch;
    const client = createCustomersClient({ baseUrl: "https://api.example.com:8443", appKey: "k", appToken: "t", fetch, maxRetries: 0 });
    const error = await client.getCustomers().catch((e: unknown) => e);
    expect((error as Error).message).toBe("Request to api.example.com:8443 failed (DEPTH_ZERO_SELF_SIGNED_CERT): TypeError: fetch failed");
  });

  it("a base URL with user:password is refused up front, without printing the password", () => {
    const create = () => createCustomersClient({ baseUrl: "https://user:pa55word@api.example.com", appKey: "k", appToken: "t" });
    expect(create).toThrow(/baseUrl must be an http\(s\) URL without user:password/);
    expect(create).not.toThrow(/pa55word/);
  });
});
