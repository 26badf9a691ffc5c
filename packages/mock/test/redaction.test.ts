import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createSandbox, createSandboxFetch, DEMO_CREDENTIALS } from "../src/index.js";

const bin = fileURLToPath(new URL("../bin/finicity-mock.js", import.meta.url));
const APP_KEY = "log-app-key-Q7w2";
const PARTNER_SECRET = "log-partner-secret-Z9x4";
const OTHER_SECRETS = { "X-Api-Key": "x-api-key-value-K3", Cookie: "session=cookie-value-C5", "Proxy-Authorization": "Basic cHJveHktdmFsdWU=" };

/** Runs `finicity-mock --mode sandbox` at a log level, sends credentials through it, and returns everything it printed. */
async function sandboxLog(level: string): Promise<{ output: string; token: string }> {
  const child = spawn(process.execPath, [bin, "--port", "0", "--mode", "sandbox", "--customers", "3", "--log-level", level, "--app-key", APP_KEY, "--partner-id", "p-1"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FINICITY_MOCK_PARTNER_SECRET: PARTNER_SECRET },
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const waitFor = (test: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}:\n${output}`)), 60_000);
      const poll = () => (test() ? (clearTimeout(timer), resolve()) : setTimeout(poll, 20));
      poll();
    });
  try {
    await waitFor(() => /sandbox \(no validation, for faults\) on http/.test(output), "the URLs");
    const url = /listening on (http:\/\/\S+)/.exec(output)![1]!;
    const auth = await fetch(`${url}/aggregation/v2/partners/authentication`, {
      method: "POST",
      headers: { "App-Key": APP_KEY, "Content-Type": "application/json", ...OTHER_SECRETS },
      body: JSON.stringify({ partnerId: "p-1", partnerSecret: PARTNER_SECRET }),
    });
    expect(auth.status).toBe(200);
    const { token } = (await auth.json()) as { token: string };
    const page = await fetch(`${url}/aggregation/v1/customers?limit=1`, { headers: { "App-Key": APP_KEY, "Finicity-App-Token": token, ...OTHER_SECRETS } });
    expect(page.status).toBe(200);
    // The second request's log lines come after its answer: wait for them.
    await waitFor(() => (output.match(/Request received/g) ?? []).length >= 2 && /returned 200[\s\S]*returned 200/.test(output), "the log of both requests");
    return { output, token };
  } finally {
    child.kill("SIGTERM");
    await once(child, "exit");
  }
}

describe("logs are redacted at every level", () => {
  for (const level of ["info", "trace"]) {
    it(`--log-level ${level} prints no app key, partner secret, token, cookie or other credential header`, async () => {
      const { output, token } = await sandboxLog(level);
      expect(output).toMatch(/Request received/);
      expect(output).toContain("[redacted]");
      for (const secret of [APP_KEY, PARTNER_SECRET, token, ...Object.values(OTHER_SECRETS), "cHJveHktdmFsdWU"]) {
        expect(output, `${secret} leaked at ${level}:\n${output}`).not.toContain(secret);
      }
      if (level === "trace") expect(output).toMatch(/app-key: \[redacted\]/);
    });
  }
});

describe("the request log (control.requests) masks every credential-like header", () => {
  it("masks authorization, proxy-authorization, cookie and any name with key, token or secret; keeps the rest", async () => {
    const sandboxFetch = createSandboxFetch({ customers: 1 });
    const token = sandboxFetch.sandbox.issueToken();
    const sent = {
      "App-Key": DEMO_CREDENTIALS.appKey,
      "Finicity-App-Token": token,
      Authorization: "Bearer auth-value",
      "Proxy-Authorization": "Basic proxy-value",
      Cookie: "a=cookie-value",
      "X-Api-Key": "api-key-value",
      "X-Session-Token": "session-token-value",
      "X-Client-Secret": "client-secret-value",
      "X-Trace": "trace-1",
    };
    await sandboxFetch("http://sandbox.test/aggregation/v1/customers", { headers: sent });
    const [recorded] = sandboxFetch.sandbox.requests;
    expect(recorded?.status).toBe(200);
    for (const name of Object.keys(sent).filter((n) => n !== "X-Trace")) expect(recorded?.headers[name.toLowerCase()], name).toBe("[redacted]");
    expect(recorded?.headers["x-trace"]).toBe("trace-1");
  });
});

describe("issued tokens are pruned", () => {
  it("answers an expired token 10023 for one more lifetime, then forgets it (10022); the count stays bounded", async () => {
    let now = 0;
    const { handle, control } = createSandbox({ customers: 1, tokenTtlMs: 1_000, now: () => now });
    const get = async (token: string) => {
      const response = await handle(
        new Request("http://sandbox.test/aggregation/v1/customers", { headers: { "App-Key": DEMO_CREDENTIALS.appKey, "Finicity-App-Token": token } }),
      );
      return response.status === 200 ? "200" : ((await response.json()) as { code: string }).code;
    };
    const first = Array.from({ length: 50 }, () => control.issueToken());
    expect(control.tokenCount).toBe(50);
    expect(await get(first[0]!)).toBe("200");
    now = 1_000;
    expect(await get(first[0]!)).toBe("10023");
    expect(control.tokenCount).toBe(50);
    now = 2_000;
    const fresh = control.issueToken();
    expect(control.tokenCount).toBe(1);
    expect(await get(first[0]!)).toBe("10022");
    expect(await get(fresh)).toBe("200");
    // A steady stream of token requests keeps about two lifetimes' worth, not every token ever issued.
    for (let i = 0; i < 5_000; i++) {
      now += 10;
      control.issueToken();
    }
    expect(control.tokenCount).toBeLessThanOrEqual(200);
  });

  it("remembers at most 100000 tokens, forgetting the oldest first", async () => {
    const { handle, control } = createSandbox({ customers: 1 });
    const oldest = control.issueToken();
    const second = control.issueToken();
    for (let i = 0; i < 99_999; i++) control.issueToken();
    expect(control.tokenCount).toBe(100_000);
    const status = async (token: string) =>
      (await handle(new Request("http://sandbox.test/aggregation/v1/customers", { headers: { "App-Key": DEMO_CREDENTIALS.appKey, "Finicity-App-Token": token } }))).status;
    expect(await status(oldest)).toBe(401);
    expect(await status(second)).toBe(200);
  });
});
