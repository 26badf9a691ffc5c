import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CREDENTIALS, startReferenceServer, type ReferenceServer } from "./fixtures/reference-server.js";
import { runCli } from "./helpers/cli.js";

const ENV = {
  FINICITY_APP_KEY: CREDENTIALS.appKey,
  FINICITY_PARTNER_ID: CREDENTIALS.partnerId,
  FINICITY_PARTNER_SECRET: CREDENTIALS.partnerSecret,
};

let server: ReferenceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A port nothing listens on: take a free one, then let it go. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe("finicity-contract verify exit codes", () => {
  it("exits 1 against a broken server and names the check in the table and the violation", async () => {
    server = await startReferenceServer("unknown-token-rejected");
    const result = await runCli(["verify", "--base-url", server.url, "--seed", "1", "--rate", "2000"], ENV);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/unknown-token-rejected\s+spec\s+FAIL/);
    expect(result.stdout).toContain("✗ unknown-token-rejected [spec]: auth probe: unknown token");
    expect(result.stdout).toContain("reproduce: curl ");
    expect(result.stdout).toContain("DOES NOT CONFORM: 1 check failed, ");
    expect(result.stdout).not.toContain(CREDENTIALS.appKey);
    expect(result.stdout).not.toContain(CREDENTIALS.partnerSecret);
  });

  it("exits 0 with a token from FINICITY_APP_TOKEN", async () => {
    server = await startReferenceServer();
    // The reference server only knows tokens it issued: get one the way a partner would, then pass it in.
    const response = await fetch(`${server.url}/aggregation/v2/partners/authentication`, {
      method: "POST",
      headers: { "App-Key": CREDENTIALS.appKey, "Content-Type": "application/json" },
      body: JSON.stringify({ partnerId: CREDENTIALS.partnerId, partnerSecret: CREDENTIALS.partnerSecret }),
    });
    const { token } = (await response.json()) as { token: string };
    const result = await runCli(["verify", "--base-url", server.url, "--quiet", "--rate", "2000"], {
      FINICITY_APP_KEY: CREDENTIALS.appKey,
      FINICITY_APP_TOKEN: token,
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout.trim().split("\n")).toHaveLength(2);
    expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("exits 2 when the server cannot be reached", async () => {
    const result = await runCli(["verify", "--base-url", `http://127.0.0.1:${await closedPort()}`], ENV);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/could not be reached/);
  });

  it("exits 2 without credentials, naming what is missing", async () => {
    const result = await runCli(["verify", "--base-url", "http://127.0.0.1:9"], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/appKey is required.*FINICITY_APP_KEY/);
    const noToken = await runCli(["verify", "--base-url", "http://127.0.0.1:9", "--app-key", "k"], {});
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/FINICITY_PARTNER_SECRET/);
  });

  it("refuses a production host unless --allow-production", async () => {
    const result = await runCli(["verify", "--base-url", "https://api.openbanking.mastercard.com.au"], ENV);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/production host.*--allow-production/);
  });

  it("refuses a production host spelled with a trailing dot and upper case", async () => {
    const result = await runCli(["verify", "--base-url", "https://API.FINICITY.COM./aggregation"], ENV);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/production host.*--allow-production/);
  });

  it("exits 2 on a base URL with user:password, never printing the password", async () => {
    const result = await runCli(["verify", "--base-url", "http://partner:hunter2-pass@127.0.0.1:9"], ENV);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/must not carry a user name or password/);
    expect(result.stdout + result.stderr).not.toContain("hunter2-pass");
  });

  it("exits 2 on a bad flag value or an unknown option", async () => {
    const badRuns = await runCli(["verify", "--base-url", "http://127.0.0.1:9", "--runs", "0"], ENV);
    expect(badRuns.code).toBe(2);
    expect(badRuns.stderr).toMatch(/runs must be an integer >= 1/);
    const badRate = await runCli(["verify", "--base-url", "http://127.0.0.1:9", "--rate", "fast"], ENV);
    expect(badRate.code).toBe(2);
    expect(badRate.stderr).toMatch(/rate must be a positive number/);
    const unknown = await runCli(["verify", "--base-url", "http://127.0.0.1:9", "--nope"], ENV);
    expect(unknown.code).toBe(2);
    const missingUrl = await runCli(["verify"], ENV);
    expect(missingUrl.code).toBe(2);
    expect(missingUrl.stderr).toMatch(/--base-url/);
  });

  it("with no command: one line naming the commands, then the --help hint, exit 2 (not the whole help)", async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toEqual(["error: a command is needed, one of: verify, replay, compat", "(run finicity-contract --help for usage)"]);
  });

  it("compat --help keeps \"does it still accept every call answered 2xx\" on one line", async () => {
    const result = await runCli(["compat", "--help"]);
    expect(result.code).toBe(0);
    const description = result.stdout.split("\n\n")[1]!.replace(/\n/g, " ");
    expect(description).toContain("does it still accept every call answered 2xx, and still describe the responses relied on?");
    // Only the width wraps the sentence: no hard line break right after "accept".
    expect(result.stdout).not.toMatch(/still accept\n/);
  });

  it("prints help and exits 0", async () => {
    const result = await runCli(["verify", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--allow-production");
    expect(result.stdout).toContain("FINICITY_PARTNER_SECRET");
  });
});
