// Runs a child process for the dev loop, keeping a bounded tail of its output.
import { spawn } from "node:child_process";

const MAX_OUTPUT = 64 * 1024;

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, timeoutMs?: number, children?: Set<import("node:child_process").ChildProcess> }} options
 * @returns {Promise<{ code: number | null, output: string, ms: number }>}
 */
export function run(command, args, { cwd, timeoutMs = 300_000, children }) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    children?.add(child);
    let output = "";
    const keep = (/** @type {Buffer} */ chunk) => {
      output = (output + chunk.toString()).slice(-MAX_OUTPUT);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    const done = (/** @type {number | null} */ code, extra = "") => {
      clearTimeout(timer);
      children?.delete(child);
      resolve({ code, output: output + extra, ms: performance.now() - started });
    };
    child.on("error", (error) => done(null, String(error)));
    child.on("close", (code) => done(code));
  });
}
