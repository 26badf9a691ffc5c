// Token life in the sandbox, at its exact edges: valid until the lifetime is over, then "expired" (10023) for one
// more lifetime, then forgotten ("unknown", 10022); and never more than MAX_REMEMBERED_TOKENS remembered.
import { describe, expect, it } from "vitest";
import { createSandboxFetch } from "../src/index.js";
import { MAX_REMEMBERED_TOKENS } from "../src/sandbox/tokens.js";

describe("token life", () => {
  it("is valid before its lifetime ends, expired from then for one lifetime, then unknown", async () => {
    let now = 1_000_000;
    const sandboxFetch = createSandboxFetch({ customers: 1, tokenTtlMs: 1000, now: () => now });
    const control = sandboxFetch.sandbox;
    const token = control.issueToken();
    const code = async () => {
      const response = await sandboxFetch("http://sandbox.test/aggregation/v1/customers", { headers: { "App-Key": "demo-app-key", "Finicity-App-Token": token } });
      return response.status === 200 ? "ok" : ((await response.json()) as { code: string }).code;
    };
    const at = async (t: number) => {
      now = 1_000_000 + t;
      return code();
    };
    expect([await at(0), await at(999), await at(1000), await at(1999)]).toEqual(["ok", "ok", "10023", "10023"]);
    expect(control.tokenCount).toBe(1);
    expect(await at(2000)).toBe("10022");
    expect(control.tokenCount).toBe(0);
  });

  it("remembers at most MAX_REMEMBERED_TOKENS, forgetting the oldest first", async () => {
    const sandboxFetch = createSandboxFetch({ customers: 0 });
    const control = sandboxFetch.sandbox;
    const status = async (token: string) =>
      (await sandboxFetch("http://sandbox.test/aggregation/v1/customers", { headers: { "App-Key": "demo-app-key", "Finicity-App-Token": token } })).status;
    const first = control.issueToken();
    const second = control.issueToken();
    for (let i = 2; i < MAX_REMEMBERED_TOKENS; i++) control.issueToken();
    expect(control.tokenCount).toBe(MAX_REMEMBERED_TOKENS);
    expect(await status(first)).toBe(200);
    control.issueToken();
    expect(control.tokenCount).toBe(MAX_REMEMBERED_TOKENS);
    expect([await status(first), await status(second)]).toEqual([401, 200]);
  });
});
