// `pnpm start`: build what the quick start needs (quietly; turbo's log is printed only when the build fails), then
// run the quick start (scripts/quickstart.mjs) in this process. Ctrl-C at any point stops everything and exits 0.
//
// FINICITY_START_SKIP_BUILD=1 skips the build, for the repository's own tests, which run after `pnpm build`
// (a second turbo run restoring dist/ from its cache would rewrite files that other tests are reading).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const PACKAGES = ["@finicity-aggregation/client", "@finicity-aggregation/mock", "@finicity-aggregation/contract"];
const MAX_LOG = 1_000_000; // characters of turbo's output kept to print on failure

async function build() {
  let interrupted = false;
  const onSignal = () => (interrupted = true); // the child (same process group) gets Ctrl-C too and stops
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const started = Date.now();
  console.log("Building the packages (a minute or two the first time)...");
  const args = ["exec", "turbo", "run", "build", ...PACKAGES.map((p) => `--filter=${p}`), "--output-logs=errors-only"];
  const child = spawn(process.platform === "win32" ? "pnpm.cmd" : "pnpm", args, {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { TURBO_TELEMETRY_DISABLED: "1", ...process.env },
    shell: process.platform === "win32",
  });
  let log = "";
  const keep = (chunk) => {
    if (log.length < MAX_LOG) log += chunk;
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const [code, signal] = await new Promise((resolve) => {
    child.once("error", (error) => resolve([null, `${error.message}`]));
    child.once("close", (c, s) => resolve([c, s]));
  });
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  if (interrupted) process.exit(0);
  if (code !== 0) {
    process.stderr.write(log);
    console.error(`\nThe build failed (${signal ? `signal/error ${signal}` : `exit code ${code}`}); the log is above.`);
    process.exit(1);
  }
  console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

if (process.env.FINICITY_START_SKIP_BUILD !== "1") await build();
await import("./quickstart.mjs");
