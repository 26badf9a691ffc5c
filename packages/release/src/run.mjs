// @ts-check
/** Runs a command and collects its output: the one way every tool in this package starts a child process. */
import { spawn } from "node:child_process";

/**
 * @typedef {{ code: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string }} RunResult
 * @typedef {{ cwd?: string, env?: NodeJS.ProcessEnv, input?: string, timeoutMs?: number }} RunOptions
 */

/**
 * Runs `command args` without a shell. Never rejects for a non-zero exit: the caller reads `code`.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {RunOptions} [options]
 * @returns {Promise<RunResult>}
 */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk) => (stdout += chunk));
    child.stderr?.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
    /** @type {NodeJS.Timeout | undefined} */
    let timer;
    if (options.timeoutMs) {
      timer = setTimeout(() => {
        stderr += `\n[killed after ${options.timeoutMs} ms]`;
        child.kill("SIGKILL");
      }, options.timeoutMs);
    }
    child.on("error", (error) => {
      if (timer) clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/**
 * Like `run`, but throws (with the command's output) when it exits non-zero.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {RunOptions} [options]
 */
export async function runOrThrow(command, args, options = {}) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim();
    throw new Error(`\`${[command, ...args].join(" ")}\` exited with ${result.code ?? result.signal}\n${output}`);
  }
  return result;
}
