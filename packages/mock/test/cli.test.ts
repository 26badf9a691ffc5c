import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/finicity-mock.js", import.meta.url));

/** Runs the CLI, waits for its "listening on" line, and returns the URL it printed. */
async function runCli(args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stderr.on("data", (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`finicity-mock exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

describe("finicity-mock", () => {
  it("serves the spec on the port it is given and stops on SIGTERM", async () => {
    const { child, url } = await runCli(["--port", "0", "--mode", "static"]);
    try {
      const response = await fetch(`${url}/aggregation/v1/customers?limit=25`, {
        headers: { "App-Key": "k", "Finicity-App-Token": "t" },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ displaying: 2 });
    } finally {
      child.kill("SIGTERM");
    }
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
  });

  it("serves the sandbox with --mode sandbox, printing both URLs", async () => {
    const { child, url, output } = await runCli(["--port", "0", "--mode", "sandbox", "--customers", "7", "--seed", "s"]);
    try {
      await new Promise<void>((resolve) => {
        const poll = () => (/sandbox \(no validation, for faults\) on http/.test(output()) ? resolve() : setImmediate(poll));
        poll();
      });
      const directUrl = /for faults\) on (http:\/\/\S+)/.exec(output())?.[1];
      expect(directUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const auth = await fetch(`${url}/aggregation/v2/partners/authentication`, {
        method: "POST",
        headers: { "App-Key": "demo-app-key", "Content-Type": "application/json" },
        body: JSON.stringify({ partnerId: "demo-partner", partnerSecret: "demo-secret" }),
      });
      const { token } = (await auth.json()) as { token: string };
      const response = await fetch(`${url}/aggregation/v1/customers`, { headers: { "App-Key": "demo-app-key", "Finicity-App-Token": token } });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ found: 7, moreAvailable: false });
      // The printed curl lines carry the demo credentials the sandbox knows; anything else is refused.
      expect(output()).toContain('-H "App-Key: demo-app-key"');
      expect(output()).toContain('{\\"partnerId\\":\\"demo-partner\\",\\"partnerSecret\\":\\"demo-secret\\"}');
      const refused = await fetch(`${url}/aggregation/v2/partners/authentication`, {
        method: "POST",
        headers: { "App-Key": "demo-app-key", "Content-Type": "application/json" },
        body: JSON.stringify({ partnerId: "demo-partner", partnerSecret: "not-the-secret" }),
      });
      expect(refused.status).toBe(401);
    } finally {
      child.kill("SIGTERM");
    }
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
  });

  it("accepts any credentials with --accept-any-credentials", async () => {
    const { child, url } = await runCli(["--port", "0", "--mode", "sandbox", "--customers", "2", "--accept-any-credentials"]);
    try {
      const auth = await fetch(`${url}/aggregation/v2/partners/authentication`, {
        method: "POST",
        headers: { "App-Key": "whatever-key", "Content-Type": "application/json" },
        body: JSON.stringify({ partnerId: "someone", partnerSecret: "anything" }),
      });
      expect(auth.status).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
  });

  it("explains a bad fault and exits non-zero", async () => {
    const child = spawn(process.execPath, [bin, "--mode", "sandbox", "--fault", "explode"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const [code] = await once(child, "exit");
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/--fault/);
    expect(stderr).toMatch(/not a fault/);
  });

  it("explains a bad option and exits non-zero", async () => {
    const child = spawn(process.execPath, [bin, "--mode", "nonsense"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const [code] = await once(child, "exit");
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/--mode/);
  });
});
