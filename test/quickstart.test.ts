// `pnpm start` as the README describes it: the sandbox with the demo credentials, one call through the client,
// a verify command that passes against it, and a quiet exit 0 on Ctrl-C that leaves no process or port behind.
// The packages are built before this runs (turbo's dependsOn), so FINICITY_START_SKIP_BUILD skips the build step.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { collect, killGroup, ROOT, runCommand, STACK_FRAME, userEnv } from "./run.js";

function startQuickstart(env: Record<string, string>) {
  // No shell in between: in a terminal, pnpm leads the foreground process group that Ctrl-C signals.
  const child = spawn("pnpm", ["start"], {
    cwd: ROOT,
    env: userEnv({ FINICITY_START_SKIP_BUILD: "1", ...env }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = collect(child, 120_000, "pnpm start");
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => {
      if (output.includes("Press Ctrl-C to stop.")) resolve(output);
    });
    void exited.then(
      (r) => reject(new Error(`pnpm start exited (${r.code ?? r.signal}) before it was ready:\n${output}`)),
      reject,
    );
  });
  ready.catch(() => {}); // a test that never waits for readiness (a bad MOCK_MODE) must not leave it unhandled
  return { child, ready, exited, output: () => output };
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return false;
  } catch (error) {
    return /ECONNREFUSED/.test(String((error as { cause?: { code?: string } }).cause?.code));
  }
}

function groupAlive(pid: number): boolean {
  return killGroup(pid, 0);
}

describe("pnpm start", () => {
  it("prints a verify command that passes against it, and stops quietly with exit 0 on Ctrl-C", async () => {
    const qs = startQuickstart({ PORT: "0" });
    const pid = qs.child.pid!;
    try {
      const printed = await qs.ready;
      const url = /serving at (http:\/\/127\.0\.0\.1:\d+) \(sandbox itself: (http:\/\/127\.0\.0\.1:\d+)\)/.exec(printed);
      expect(url, printed).not.toBeNull();
      const verify = /^\s*(pnpm exec finicity-contract verify .*)$/m.exec(printed)?.[1];
      expect(verify, printed).toBeDefined();
      expect(verify).toContain(`--base-url ${url![1]}`);

      // The command exactly as printed, from another shell in the same folder.
      const result = await runCommand(verify!, { timeoutMs: 120_000 });
      expect(result.code, `${verify}\n${result.stdout}\n${result.stderr}`).toBe(0);
      expect(result.stdout).toMatch(/^CONFORMS: 0 checks failed/m);

      // The rows line up, whatever names are missing: the type column starts at the same place on every row.
      const rows = printed.split("\n").filter((line) => /^ {2}\d+ /.test(line));
      expect(rows.length, printed).toBe(5);
      expect(new Set(rows.map((row) => row.indexOf("("))).size, rows.join("\n")).toBe(1);

      killGroup(pid, "SIGINT"); // what Ctrl-C in a terminal does
      const exit = await qs.exited;
      expect({ code: exit.code, signal: exit.signal }, qs.output()).toEqual({ code: 0, signal: null });
      const afterCtrlC = qs.output().slice(printed.length);
      expect(afterCtrlC, qs.output()).not.toMatch(/ERR_PNPM|ELIFECYCLE|failed|Error/i);
      expect(afterCtrlC.trim(), qs.output()).toBe("");
      expect(await refused(`${url![1]}/`), "the proxy port is still open").toBe(true);
      expect(await refused(`${url![2]}/`), "the sandbox port is still open").toBe(true);
      // Nothing of the process group is left (ESRCH once every member has exited).
      const deadline = Date.now() + 10_000;
      while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(groupAlive(pid), "a process of pnpm start's group is still running").toBe(false);
    } finally {
      killGroup(pid, "SIGKILL");
    }
  });

  it("stops quietly with exit 0 on Ctrl-C while it is still starting", async () => {
    const qs = startQuickstart({ PORT: "0" });
    const pid = qs.child.pid!;
    try {
      // While Prism is loading: the quick start says it is starting before it loads Prism.
      let exitedEarly = false;
      void qs.exited.finally(() => (exitedEarly = true));
      await new Promise<void>((resolve, reject) => {
        const poll = () => {
          if (qs.output().includes("Starting the mock (sandbox)...")) resolve();
          else if (exitedEarly) reject(new Error(`pnpm start exited before it started the mock:\n${qs.output()}`));
          else setTimeout(poll, 20);
        };
        poll();
      });
      killGroup(pid, "SIGINT");
      const exit = await qs.exited;
      expect({ code: exit.code, signal: exit.signal }, qs.output()).toEqual({ code: 0, signal: null });
      expect(qs.output()).not.toMatch(/ERR_PNPM|ELIFECYCLE|Error/);
      expect(qs.output(), "it had already started").not.toContain("Press Ctrl-C to stop.");
    } finally {
      killGroup(pid, "SIGKILL");
    }
  });

  it("explains a bad MOCK_MODE in one line, without a stack trace, and exits 2", async () => {
    const qs = startQuickstart({ MOCK_MODE: "bogus", PORT: "0" });
    const exit = await qs.exited;
    expect(exit.code, qs.output()).toBe(2);
    expect(exit.stderr).toMatch(/^quickstart: MOCK_MODE must be one of sandbox, static, dynamic \(got "bogus"\)$/m);
    expect(exit.stderr).not.toMatch(STACK_FRAME);
    expect(exit.stderr).not.toMatch(/SandboxInputError/);
  });
});
