// Runs commands from the repository root the way a user types them, with a bound on time and output.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MAX_OUTPUT = 2_000_000;

export interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment of a user's shell, without the variables `pnpm test` (or vitest) set for this process. */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|PNPM_|VITEST|TURBO_HASH|NODE_OPTIONS$|INIT_CWD$)/.test(key)) env[key] = value;
  }
  return { ...env, FORCE_COLOR: "0", NO_COLOR: "1", ...extra };
}

/** Runs a command line through the shell (as a user would type it) and collects its output. */
export function runCommand(command: string, options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Result> {
  const child = spawn(command, { cwd: ROOT, shell: true, env: userEnv(options.env), stdio: ["ignore", "pipe", "pipe"], detached: true });
  return collect(child, options.timeoutMs ?? 60_000, command);
}

export function collect(child: ChildProcess, timeoutMs: number, what: string): Promise<Result> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => (stdout = (stdout + chunk).slice(0, MAX_OUTPUT)));
  child.stderr?.on("data", (chunk) => (stderr = (stderr + chunk).slice(0, MAX_OUTPUT)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      if (child.pid) killGroup(child.pid, "SIGKILL");
      reject(new Error(`${what} did not finish in ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Signals a whole process group (the shell, pnpm and what they started), as Ctrl-C in a terminal does. */
export function killGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Lines that look like a JavaScript stack frame. */
export const STACK_FRAME = /^\s+at .+[(:]\d+/m;
