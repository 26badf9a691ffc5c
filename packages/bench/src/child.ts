import { fork, type ChildProcess } from "node:child_process";
import { builtEntry } from "./paths.js";

export interface ChildServer<Info> {
  info: Info;
  pid: number;
  close(): Promise<void>;
}

/**
 * Starts a server in its own process (see servers/serve.ts) and resolves with what it reports once it listens.
 * Readiness is the child's "ready" message, not a sleep.
 */
export function startChildServer<Info = { url: string }>(
  kind: string,
  options: Record<string, unknown> = {},
  readyTimeoutMs = 120_000,
): Promise<ChildServer<Info>> {
  const child = fork(builtEntry("servers/serve.js"), [kind, JSON.stringify(options)], {
    stdio: ["ignore", "ignore", "pipe", "ipc"],
    execArgv: [],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${kind} server was not ready after ${readyTimeoutMs} ms`));
    }, readyTimeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited with code ${code} before it was ready${stderr ? `: ${stderr.trim()}` : ""}`));
    });
    child.on("message", (message: { type?: string; info?: Info; message?: string }) => {
      if (message.type === "ready") {
        clearTimeout(timer);
        child.removeAllListeners("exit");
        resolve({ info: message.info as Info, pid: child.pid ?? -1, close: () => stopChild(child) });
      } else if (message.type === "error") {
        clearTimeout(timer);
        child.removeAllListeners("exit");
        reject(new Error(message.message ?? `${kind} server failed`));
      }
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.send("close");
    else child.kill();
  });
}

/** Runs a one-shot worker (see workers/) in a fresh process and resolves with its "done" message. */
export function runWorker<Result>(relative: string, job: unknown, execArgv: string[] = [], timeoutMs = 120_000): Promise<Result> {
  const child = fork(builtEntry(relative), [JSON.stringify(job)], { stdio: ["ignore", "ignore", "pipe", "ipc"], execArgv });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${relative} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on("message", (message: { type?: string; message?: string }) => {
      settled = true;
      clearTimeout(timer);
      if (message.type === "done") resolve(message as Result);
      else reject(new Error(message.message ?? `${relative} failed`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (!settled) reject(new Error(`${relative} exited with code ${code}${stderr ? `: ${stderr.trim()}` : ""}`));
    });
  });
}
